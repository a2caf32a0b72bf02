package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.JsonLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running agent folds its journal a few times a cycle; only what was appended since the last read is
 * parsed. Whatever happened to the file, the answer is the one a fold from the start gives.
 */
class JournalReadTest {
    @Test
    void eachReadEqualsAFreshParseWhateverHappenedToTheFile(@TempDir Path gitDir) throws Exception {
        Journal j = new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.systemUTC());
        Path f = Journal.file(gitDir);
        JournalReads reads = new JournalReads(); // what a running agent keeps across its cycles
        assertThat(reads.fold(gitDir).count()).isZero();
        for (int i = 0; i < 5; i++) j.append(Op.CHECKPOINT_WRITE, "cp-" + i, List.of(), "c" + i, null);
        assertThat(seen(reads, gitDir)).isEqualTo(seen(fresh(f))).startsWith("5 c4 ");

        j.append(Op.CHECKPOINT_WRITE, "cp-5", List.of(), "c5", null); // appended: read incrementally
        assertThat(seen(reads, gitDir)).isEqualTo(seen(fresh(f))).startsWith("6 c5 ");

        Files.writeString(f, "{\"id\":\"half", StandardOpenOption.APPEND); // a line still being written waits
        assertThat(seen(reads, gitDir)).startsWith("6 c5 ");
        Journal.dropTornTail(gitDir);
        j.append(Op.CHECKPOINT_WRITE, "cp-6", List.of(), "c6", null);
        assertThat(seen(reads, gitDir)).isEqualTo(seen(fresh(f))).startsWith("7 c6 ");

        // rewritten by hand: a middle record removed (the file shrank), then one changed in place (same size)
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        lines.remove(2);
        Files.write(f, lines, StandardCharsets.UTF_8);
        assertThat(seen(reads, gitDir)).isEqualTo(seen(fresh(f))).startsWith("6 c6 ");
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Files.writeString(f, text.replace("\"c6\"", "\"cX\""), StandardCharsets.UTF_8);
        assertThat(seen(reads, gitDir)).isEqualTo(seen(fresh(f))).startsWith("6 cX ");

        Files.delete(f);
        assertThat(reads.fold(gitDir).count()).isZero();
    }

    /** The fold of the records a plain parse of the file gives. */
    private static JournalFold fresh(Path f) throws Exception {
        JournalFold fold = new JournalFold();
        JsonLines.read(f, JournalRecord.class).forEach(fold::add);
        return fold;
    }

    private static String seen(JournalReads reads, Path gitDir) throws Exception {
        return seen(reads.fold(gitDir));
    }

    private static String seen(JournalFold fold) {
        return fold.count() + " " + fold.checkpoint() + " " + fold.lastHash();
    }
}
