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
 * A running agent reads its journal a few times a cycle; only what was appended since the last read is
 * parsed. Whatever happened to the file, the answer is the one a reading from the start gives.
 */
class JournalReadTest {
    @Test
    void eachReadEqualsAFreshParseWhateverHappenedToTheFile(@TempDir Path gitDir) throws Exception {
        Journal j = new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.systemUTC());
        Path f = Journal.file(gitDir);
        JournalReads reads = new JournalReads(); // what a running agent keeps across its cycles
        assertThat(reads.read(f)).isEmpty();
        for (int i = 0; i < 5; i++) j.append(Op.CHECKPOINT_WRITE, "cp-" + i, List.of(), "c" + i, null);
        assertThat(ids(reads.read(f))).containsExactly("cp-0", "cp-1", "cp-2", "cp-3", "cp-4");

        j.append(Op.CHECKPOINT_WRITE, "cp-5", List.of(), "c5", null); // appended: read incrementally
        assertThat(ids(reads.read(f))).endsWith("cp-4", "cp-5").hasSize(6).isEqualTo(ids(fresh(f)));

        Files.writeString(f, "{\"id\":\"half", StandardOpenOption.APPEND); // a line still being written waits
        assertThat(ids(reads.read(f))).hasSize(6);
        Journal.dropTornTail(gitDir);
        j.append(Op.CHECKPOINT_WRITE, "cp-6", List.of(), "c6", null);
        assertThat(ids(reads.read(f))).hasSize(7).isEqualTo(ids(fresh(f)));

        // rewritten by hand: a middle record removed (the file shrank), then one changed in place (same size)
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        lines.remove(2);
        Files.write(f, lines, StandardCharsets.UTF_8);
        assertThat(ids(reads.read(f))).hasSize(6).doesNotContain("cp-2").isEqualTo(ids(fresh(f)));
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Files.writeString(f, text.replace("\"cp-6\"", "\"cp-X\""), StandardCharsets.UTF_8);
        assertThat(ids(reads.read(f))).contains("cp-X").doesNotContain("cp-6").isEqualTo(ids(fresh(f)));

        Files.delete(f);
        assertThat(reads.read(f)).isEmpty();
    }

    private static List<JournalRecord> fresh(Path f) throws Exception {
        return JsonLines.read(f, JournalRecord.class);
    }

    private static List<String> ids(List<JournalRecord> rs) {
        return rs.stream().map(JournalRecord::id).toList();
    }
}
