package io.vaultsync.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.work.CommandRuns.Ran;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command worker's pure decisions: the tables of cases. */
class CommandRunsTest {

    static Stream<Arguments> runs() {
        Optional<String> nothing = Optional.empty();
        return Stream.of(
                Arguments.of("exit 0, nothing lacking: a success, said as the summary", true, "exit 0 in 1s", nothing,
                        new Ran(true, "exit 0 in 1s")),
                Arguments.of("exit 0 but no output: a failure, said as what is lacking", true, "exit 0 in 1s",
                        Optional.of("no output"), new Ran(false, "no output")),
                Arguments.of("exit 3: a failure, said as the summary", false, "exit 3", nothing, new Ran(false, "exit 3")),
                Arguments.of("timed out: a failure, what is lacking not even asked", false, "timed out after 1s",
                        Optional.of("no output"), new Ran(false, "timed out after 1s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void aRunSucceedsOnlyWhenItExitedZeroAndLacksNothing(String name, boolean exitOk, String summary,
            Optional<String> lacking, Ran want) {
        assertThat(CommandRuns.judge(exitOk, summary, lacking)).isEqualTo(want);
    }

    static Stream<Arguments> budgets() {
        Duration min = Duration.ofMinutes(1);
        return Stream.of(
                Arguments.of("nothing ran yet: the first command always starts", false, Duration.ofHours(1), min, false),
                Arguments.of("one ran, within the budget: another starts", true, Duration.ofSeconds(59), min, false),
                Arguments.of("one ran, the budget just spent: no further command", true, min, min, true),
                Arguments.of("one ran, past the budget: no further command", true, Duration.ofHours(1), min, true),
                Arguments.of("a zero budget: one command per pass", true, Duration.ZERO, Duration.ZERO, true),
                Arguments.of("unlimited: never spent", true, Duration.ofDays(365_000), CommandRuns.UNLIMITED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("budgets")
    void aPassStartsNoFurtherCommandOnceOneRanAndItsBudgetIsSpent(String name, boolean ran, Duration elapsed,
            Duration budget, boolean spent) {
        assertThat(CommandRuns.spent(ran, elapsed, budget)).isEqualTo(spent);
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("a UUID stays as it is", "0b6c1e2a-7d4f-4c1e-9a51-2f3d4e5a6b7c",
                        "0b6c1e2a-7d4f-4c1e-9a51-2f3d4e5a6b7c"),
                Arguments.of("a claim key keeps its dots, loses its @ and colons", "EMAIL_a.md@2026-11-22T10:00:00Z",
                        "EMAIL_a.md_2026-11-22T10_00_00Z"),
                Arguments.of("no way out of the folder", "../../etc/passwd", ".._.._etc_passwd"),
                Arguments.of("never the parent folder", "..", "_.."),
                Arguments.of("never the folder itself", ".", "_."),
                Arguments.of("never no name", "", "_"),
                Arguments.of("spaces and non-ASCII become _", "Rechnung März 2.md", "Rechnung_M_rz_2.md"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void aKeyBecomesAPlainFileName(String name, String key, String want) {
        assertThat(CommandRuns.fileName(key)).isEqualTo(want);
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                Arguments.of(1, false, "attempt 1"),
                Arguments.of(2, true, "attempt 2 (after an interruption)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("attempts")
    void aStartIsRecordedWithItsAttempt(int attempt, boolean interrupted, String want) {
        assertThat(CommandRuns.attempt(attempt, interrupted)).isEqualTo(want);
    }
}
