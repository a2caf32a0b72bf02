package io.vaultsync.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JGit's tasks as progress phases; nothing at all when nobody watches. */
class JGitProgressTest {
    @ParameterizedTest(name = "{0} counts {1}")
    @CsvSource({"Receiving objects, objects", "Resolving deltas, deltas", "Checking out files, files",
        "Updating references, references", "Finding sources, sources", "'', items", "Compressing, items"})
    void aTaskCountsWhatItsTitleNames(String title, String unit) {
        assertThat(JGitProgress.unit(title)).isEqualTo(unit);
    }

    @Test
    void noProgressIsJGitsNullMonitor() {
        assertThat(JGitProgress.of(Progress.NONE)).isSameAs(NullProgressMonitor.INSTANCE);
    }

    @Test
    void eachTaskIsAPhaseOnTheLine() {
        StringWriter sink = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressErr err = ProgressErr.of(new PrintWriter(sink), Map.of(), false);
        ProgressMonitor m = JGitProgress.of(new TerminalProgress(err, Duration.ZERO, now::get));
        m.start(2);
        m.beginTask("Receiving objects", 10);
        now.addAndGet(2_000_000_000L);
        m.update(4);
        assertThat(sink.toString()).isEqualTo("\\rReceiving objects: 4/10, 2 objects/s, about 0:03 left".replace("\\r", "\r"));
        m.beginTask("Resolving deltas", ProgressMonitor.UNKNOWN); // the previous task not ended: cleared all the same
        now.addAndGet(1_000_000_000L);
        m.update(3);
        m.endTask();
        String[] draws = sink.toString().split("\r");
        assertThat(draws[draws.length - 2]).isEqualTo("Resolving deltas: 3, 3 deltas/s");
        assertThat(draws[draws.length - 1]).isBlank();
    }
}
