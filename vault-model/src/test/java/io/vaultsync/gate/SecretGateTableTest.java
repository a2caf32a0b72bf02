package io.vaultsync.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.gate.SecretHeldException;
import io.vaultsync.gate.DetectorTable.Name;
import io.vaultsync.gate.DetectorTable.Row;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The secret gate's detectors as one table: each row names a rule, an example the rule must catch
 * (blocked with exactly that rule) and a look-alike it must let through. Rows: {@link TokenRows}
 * (provider tokens, in content and in file names), {@link KeyAndEncodingRows} (key material with and
 * without armour, base64'd, and secrets in UTF-16/UTF-32), {@link PasswordRows} (YAML and Markdown).
 */
class SecretGateTableTest {

    private static final SecretGate GATE = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);

    static Stream<Row> table() {
        return Stream.of(TokenRows.rows(), KeyAndEncodingRows.rows(), PasswordRows.rows()).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachRuleCatchesItsExampleAndLetsItsLookAlikeThrough(Row row) {
        assertThat(row.caught().check(GATE)).as("caught: %s", row.caught()).isEqualTo(new Verdict.Blocked(row.rule()));
        assertThat(row.lookAlike().check(GATE)).as("look-alike: %s", row.lookAlike()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void theTableCoversEveryContentDetectorAndEveryNameDetector() {
        Set<String> rules = table().map(Row::rule).collect(Collectors.toSet());
        // key=value rules that predate the table: SecretGateContentTest and the samples cover them
        Set<String> elsewhere = Set.of("content:slack-webhook", "content:bearer-token", "content:basic-auth",
                "content:url-credentials", "content:aws-secret-access-key", "content:high-entropy", "name:slack-webhook");

        Stream.concat(SecretGate.detectorNames().stream().map(n -> "content:" + n),
                        Detectors.NAMES.stream().map(d -> "name:" + d.name()))
                .filter(rule -> !elsewhere.contains(rule))
                .forEach(rule -> assertThat(rules).as(rule).contains(rule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aNameHeldBackIsNeitherEchoedNorShown(Row row) {
        if (!(row.caught() instanceof Name name)) {
            return;
        }
        Verdict.Blocked verdict = (Verdict.Blocked) name.check(GATE);
        String shown = SecretGate.shown(name.path());

        assertThat(verdict.rule()).matches("name:[a-z0-9-]+");
        assertThat(shown).contains("***");
        assertThat(GATE.checkPath(shown, false, 1)).as("what is shown holds no token").isEqualTo(Verdict.ALLOWED);
        assertThat(SecretGate.shown(row.lookAlike().toString())).isEqualTo(row.lookAlike().toString());
        assertThat(new SecretHeldException(name.path(), verdict.rule()).getMessage())
                .startsWith(shown + " is held by the secret gate [" + verdict.rule() + "]: its name");
    }

    @Test
    void aPathWithoutATokenIsShownAsItIs() {
        for (String path : List.of("Plans/My Plan with spaces.md", "Needs_Action/Réunion à 10h.md", "Dashboard.md",
                "Done/2024-05-01_deploy.md", "In_Progress/cloud_agent/TASK_20240501_1234.md")) {
            assertThat(SecretGate.shown(path)).isEqualTo(path);
            assertThat(GATE.checkPath(path, false, 1)).isEqualTo(Verdict.ALLOWED);
        }
    }
}
