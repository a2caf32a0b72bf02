package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.cli.LogSetup.Level;
import io.vaultsync.cli.LogSetup.Style;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Which levels, style and file a command's logging options give, from a table. */
class LogSetupTest {
    private static final Map<String, String> TERMINAL = Map.of("TERM", "xterm");
    private static final Map<String, String> SYSTEMD = Map.of("JOURNAL_STREAM", "8:12345", "INVOCATION_ID", "abc");

    @Command
    static final class Cmd {
        @Mixin
        LogOptions log;
    }

    private static LogSetup decide(String args, boolean daemon, Map<String, String> env) {
        Cmd c = new Cmd();
        new CommandLine(c).parseArgs(args.isEmpty() ? new String[0] : args.split(" "));
        return LogSetup.decide(c.log, daemon, env);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // options, daemon, env -> level, ssh, jgit, stack traces, style
                Arguments.of("", false, TERMINAL, Level.WARN, Level.ERROR, Level.WARN, false, Style.TEXT),
                Arguments.of("", true, TERMINAL, Level.INFO, Level.ERROR, Level.WARN, false, Style.TEXT),
                Arguments.of("-q", true, TERMINAL, Level.ERROR, Level.ERROR, Level.ERROR, false, Style.TEXT),
                Arguments.of("-v", false, TERMINAL, Level.DEBUG, Level.DEBUG, Level.WARN, true, Style.TEXT),
                Arguments.of("--verbose", true, TERMINAL, Level.DEBUG, Level.DEBUG, Level.WARN, true, Style.TEXT),
                Arguments.of("-vv", false, TERMINAL, Level.TRACE, Level.DEBUG, Level.DEBUG, true, Style.TEXT),
                Arguments.of("-v -v", false, TERMINAL, Level.TRACE, Level.DEBUG, Level.DEBUG, true, Style.TEXT),
                Arguments.of("", true, SYSTEMD, Level.INFO, Level.ERROR, Level.WARN, false, Style.JOURNAL),
                Arguments.of("", true, Map.of("INVOCATION_ID", "abc"), Level.INFO, Level.ERROR, Level.WARN, false, Style.JOURNAL),
                Arguments.of("", true, Map.of("JOURNAL_STREAM", ""), Level.INFO, Level.ERROR, Level.WARN, false, Style.TEXT),
                Arguments.of("--log-format json", true, SYSTEMD, Level.INFO, Level.ERROR, Level.WARN, false, Style.JSON),
                Arguments.of("--log-file a.log", true, SYSTEMD, Level.INFO, Level.ERROR, Level.WARN, false, Style.TEXT),
                Arguments.of("--log-format json -v", false, TERMINAL, Level.DEBUG, Level.DEBUG, Level.WARN, true, Style.JSON));
    }

    @ParameterizedTest(name = "{0} daemon={1} {2}")
    @MethodSource("table")
    void optionsAndEnvironmentGiveTheSetup(String args, boolean daemon, Map<String, String> env, Level level, Level ssh,
            Level jgit, boolean traces, Style style) {
        LogSetup s = decide(args, daemon, env);
        assertThat(s.level()).isEqualTo(level);
        assertThat(s.sshLevel()).isEqualTo(ssh);
        assertThat(s.jgitLevel()).isEqualTo(jgit);
        assertThat(s.stackTraces()).isEqualTo(traces);
        assertThat(s.style()).isEqualTo(style);
    }

    @org.junit.jupiter.api.Test
    void aOneShotCommandWithoutOptionsIsTheStartUpSetup() {
        assertThat(decide("", false, TERMINAL)).isEqualTo(LogSetup.DEFAULT);
    }

    @org.junit.jupiter.api.Test
    void theLogFileRollsBySizeAndKeepsDaysAndATotal() {
        LogSetup s = decide("--log-file /var/log/a.log --log-max-size 512KB --log-max-history 3 --log-total-cap 1GB", true,
                TERMINAL);
        assertThat(s.file()).isEqualTo(new LogSetup.Rolling(Path.of("/var/log/a.log"), 512 << 10, 3, 1L << 30));
        assertThat(decide("--log-file a.log", true, TERMINAL).file())
                .isEqualTo(new LogSetup.Rolling(Path.of("a.log"), 10 << 20, 14, 200L << 20));
    }

    static Stream<Arguments> refused() {
        return Stream.of(Arguments.of("-q -v", "-q/--quiet and -v/--verbose"),
                Arguments.of("--log-file a --log-max-size ten", "--log-max-size: 'ten' is not a size"),
                Arguments.of("--log-file a --log-max-size 0", "--log-max-size must be at least 1 byte"),
                Arguments.of("--log-file a --log-max-history 0", "--log-max-history must be at least 1 day"),
                Arguments.of("--log-file a --log-max-size 1GB --log-total-cap 1MB", "--log-total-cap must be at least"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void contradictoryOrMalformedOptionsAreRefusedByName(String args, String message) {
        assertThatThrownBy(() -> decide(args, false, TERMINAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
