package io.vaultsync.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.progress.ProgressErr.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a command's stderr shows progress: from a table of environment, console, -q and the daemon. */
class ProgressErrTest {
    @ParameterizedTest(name = "VAULTSYNC_PROGRESS={0} console={1} quiet={2} daemon={3} -> {4}")
    @CsvSource({
        "'', true, false, false, true",
        "'', false, false, false, false",
        "auto, true, false, false, true",
        "always, false, false, false, true",
        "ALWAYS, false, false, false, true",
        "never, true, false, false, false",
        "yes, false, false, false, false",
        "yes, true, false, false, true",
        "always, true, true, false, false",
        "always, true, false, true, false",
        "'', true, false, true, false",
        "'', true, true, false, false",
    })
    void progressOnlyOnATerminalOrWhenAskedAndNeverQuietOrUnderRun(String env, boolean console, boolean quiet,
            boolean daemon, boolean shows) {
        assertThat(ProgressErr.shows(Mode.of(env), console, quiet, daemon)).isEqualTo(shows);
        ProgressErr err = ProgressErr.of(new PrintWriter(new StringWriter()), Map.of(ProgressErr.ENV, env), console);
        err.command(quiet, daemon);
        assertThat(err.shows()).isEqualTo(shows);
        assertThat(Progress.forCli(err) instanceof TerminalProgress).isEqualTo(shows);
    }

    @Test
    void aPlainWriterShowsNothingAndTextGoesThrough() {
        StringWriter sink = new StringWriter();
        assertThat(Progress.forCli(new PrintWriter(sink))).isSameAs(Progress.NONE);
        ProgressErr err = ProgressErr.of(new PrintWriter(sink), Map.of(), false);
        err.println("local-agent: a line");
        assertThat(sink).hasToString("local-agent: a line" + System.lineSeparator()); // flushed at the line, as stderr is
    }

    @Test
    void aMessagePrintedMidPhaseClearsTheProgressLineFirst() {
        StringWriter sink = new StringWriter();
        ProgressErr err = ProgressErr.of(new PrintWriter(sink), Map.of(ProgressErr.ENV, "always"), false,
                java.time.Duration.ZERO, System::nanoTime);
        Progress p = Progress.forCli(err);
        p.beginCount("Receiving objects", "objects", 100);
        p.advance(40, 0);
        err.println("local-agent: init failed: the connection was reset");
        String line = sink.toString().substring(1, sink.toString().indexOf("\r", 1));
        assertThat(line).startsWith("Receiving objects: 40/100");
        assertThat(sink).hasToString("\r" + line + "\r" + " ".repeat(line.length()) + "\r"
                + "local-agent: init failed: the connection was reset" + System.lineSeparator());
        p.end(); // nothing more to clear
        assertThat(sink.toString()).endsWith("reset" + System.lineSeparator());
        p.beginCount("Resolving deltas", "deltas", -1);
        p.advance(1, 0);
        sink.getBuffer().setLength(0);
        err.println();
        assertThat(sink.toString()).matches("\r +\r" + System.lineSeparator());
    }
}
