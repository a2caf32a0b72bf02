package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.policy.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Which command a command line names, so that only that command's picocli model is built (start-up time). */
class CliTreeTest {
    private static final CliContext CTX = new CliContext(Role.LOCAL, "local-agent", new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), Clock.systemUTC(), AgentExtension.NONE);

    private static Optional<String> named(String line) {
        CommandLine root = new CommandLine(new CliTree.Root());
        return CliTree.commandNamed(root.getCommandSpec(), line.isEmpty() ? List.of() : Arrays.asList(line.split(" ")));
    }

    @ParameterizedTest(name = "[{0}] names [{1}]")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "status --vault v                      | status",
        "-v status                             | status",
        "-vv -q sync --vault x                 | sync",
        "--log-file status run                 | run",      // status is --log-file's value
        "--log-file=out.log status             | status",
        "--log-format json --log-max-size 1MB log | log",
        "--verbose --quiet doctor              | doctor",
        "--version status                      | status",   // the version is printed, as in the whole tree
        "help status                           | NONE",     // help and completion list every command
        "completion                            | NONE",
        "''                                    | NONE",
        "-v                                    | NONE",
        "--no-such-option status               | NONE",     // unknown to the root: the whole tree says so
        "-- status                             | NONE",
        "--log-file                            | NONE",
    })
    void theCommandIsTheFirstWordThatIsNoRootOptionNorItsValue(String line, String command) {
        assertThat(named(line.equals("''") ? "" : line.trim())).isEqualTo(Optional.ofNullable(command));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--version | true", "-V | true", "-V --version | true", "'' | false",
        "--version --help | false", "--version status | false", "-v --version | false"})
    void theVersionAloneIsAnsweredByTheRootAlone(String line, boolean alone) {
        List<String> args = line.isEmpty() ? List.of() : Arrays.asList(line.trim().split(" "));
        assertThat(CliTree.versionOnly(args)).isEqualTo(alone);
        CommandLine cl = CliTree.build(new CliTree.Root(), CTX, args);
        if (alone) assertThat(cl.getSubcommands()).isEmpty();
        else assertThat(cl.getSubcommands()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource({"status", "sync", "init", "trust", "completion", "help", "no-such-command", "approve"})
    void aTreeBuiltForOneCommandHasThatCommandOnlyWhenItIsOneOfTheRolesOwn(String command) {
        CommandLine cl = CliTree.build(new CliTree.Root(), CTX, List.of(command, "--help"));
        boolean own = List.of("status", "sync", "init", "trust").contains(command);
        if (own) {
            assertThat(cl.getSubcommands()).containsOnlyKeys(command);
        } else {
            assertThat(cl.getSubcommands()).containsKeys("status", "sync", "help", "completion", "approve");
        }
    }
}
