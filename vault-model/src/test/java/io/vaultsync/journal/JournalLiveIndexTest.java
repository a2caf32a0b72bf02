package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that starts folds only the live journal's records appended since the fold on disk
 * ({@link JournalLiveIndex}), not the whole file (up to 16 MB, some 35,000 records); and whatever happened to the file
 * or the index since, its answer is the one a fold of every record from the first gives.
 */
class JournalLiveIndexTest {
    private static final int EVERY = 4_096; // the index is written again every 4 kB parsed past it (64 kB in use)

    @TempDir
    Path gitDir;

    @Test
    void aStartParsesOnlyWhatWasAppendedSinceTheIndexOnDisk() throws Exception {
        Records.write(Journal.file(gitDir), JournalRecord.GENESIS, 0, 100);
        long whole = Files.size(Journal.file(gitDir));
        JournalReads first = new JournalReads(EVERY);
        assertThat(seen(first.fold(gitDir))).isEqualTo(fromTheFirstRecord()).startsWith("300 c99 ");
        assertThat(first.parsed()).as("no index yet: every byte").isEqualTo(whole);
        assertThat(JournalLiveIndex.file(gitDir)).exists();

        Journal j = new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.systemUTC(), first, JournalFiles.ROTATE_AT);
        j.append(Op.ENQUEUE, "op-a", List.of("Plans/a.md"), "ca", null);
        j.append(Op.CHECKPOINT_WRITE, "cp-a", List.of(), "ca", null);
        JournalReads next = new JournalReads(EVERY); // another command, a new JVM
        JournalFold fold = next.fold(gitDir);
        assertThat(seen(fold)).isEqualTo(fromTheFirstRecord()).startsWith("302 ca ");
        assertThat(fold.pending()).containsEntry("ca", "op-a");
        assertThat(next.parsed()).as("only the two records appended").isEqualTo(Files.size(Journal.file(gitDir)) - whole);
    }

    @Test
    void aRunningReaderWritesTheIndexAgainAsTheFileGrowsSoAStartNeverParsesMuchMore() throws Exception {
        JournalReads daemon = new JournalReads(EVERY);
        Journal j = new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.systemUTC(), daemon, JournalFiles.ROTATE_AT);
        for (int i = 0; i < 60; i++) {
            j.append(Op.CHECKPOINT_WRITE, "cp-" + i, List.of(), "c" + i, null);
            daemon.fold(gitDir); // a cycle's read: a few records at a time
        }
        JournalReads start = new JournalReads(EVERY);
        assertThat(seen(start.fold(gitDir))).isEqualTo(fromTheFirstRecord()).startsWith("60 c59 ");
        assertThat(start.parsed()).as("at most what was appended since the running reader's last index")
                .isLessThan(EVERY).isLessThan(Files.size(Journal.file(gitDir)) / 2);
    }

    @Test
    void anIndexThatNoLongerCoversTheFileIsNotUsedAndIsWrittenAgain() throws Exception {
        Records.write(Journal.file(gitDir), JournalRecord.GENESIS, 0, 100);
        new JournalReads(EVERY).fold(gitDir);
        Path live = Journal.file(gitDir);

        // a record in the indexed part changed in place (same size): the checksum says so
        Files.writeString(live, Files.readString(live, StandardCharsets.UTF_8).replace("\"c5\"", "\"cX\""), StandardCharsets.UTF_8);
        JournalReads changed = new JournalReads(EVERY);
        assertThat(seen(changed.fold(gitDir))).isEqualTo(fromTheFirstRecord());
        assertThat(changed.parsed()).isEqualTo(Files.size(live));

        // cut short below the index's offset
        List<String> lines = Files.readAllLines(live, StandardCharsets.UTF_8);
        Files.write(live, lines.subList(0, 30), StandardCharsets.UTF_8);
        assertThat(seen(new JournalReads(EVERY).fold(gitDir))).isEqualTo(fromTheFirstRecord()).startsWith("30 c9 ");

        // an index that is not one: broken, of the wrong shape, or of other rotated files
        Records.write(live, JournalRecord.GENESIS, 0, 100);
        String fold = "\"fold\":{\"files\":[],\"count\":7,\"lastHash\":null,\"pending\":{},\"landed\":[],"
                + "\"checkpoint\":\"cZ\",\"tombstones\":[]}";
        String otherFiles = "{\"offset\":0,\"crc\":0," + fold.replace("[],\"count", "[\"journal-000009.jsonl\"],\"count") + "}";
        for (String index : List.of("{", "[]", "{\"offset\":0,\"crc\":0}", "{\"offset\":-4,\"crc\":0," + fold + "}",
                "{\"offset\":999999999,\"crc\":0," + fold + "}", otherFiles)) {
            Files.writeString(JournalLiveIndex.file(gitDir), index);
            JournalReads start = new JournalReads(EVERY);
            assertThat(seen(start.fold(gitDir))).as(index).isEqualTo(fromTheFirstRecord()).startsWith("300 c99 ");
            assertThat(start.parsed()).as(index).isEqualTo(Files.size(live));
            JournalReads after = new JournalReads(EVERY);
            after.fold(gitDir);
            assertThat(after.parsed()).as("written again in place of %s", index).isZero();
        }
    }

    /** A huge file, a link, a folder, another encoding where the index goes: not read, and replaced by one. */
    @Test
    void whateverLiesWhereTheIndexGoesIsNeitherFollowedNorReadWhole() throws Exception {
        Records.write(Journal.file(gitDir), JournalRecord.GENESIS, 0, 100);
        new JournalReads(EVERY).fold(gitDir);
        Path index = JournalLiveIndex.file(gitDir);
        Path good = gitDir.resolve("good-index.json");
        Files.copy(index, good);
        long whole = Files.size(Journal.file(gitDir));

        Files.delete(index);
        Files.createSymbolicLink(index, good); // a link to a valid index: not followed
        JournalReads viaLink = new JournalReads(EVERY);
        assertThat(seen(viaLink.fold(gitDir))).isEqualTo(fromTheFirstRecord());
        assertThat(viaLink.parsed()).isEqualTo(whole);
        assertThat(index).as("replaced by a file of its own").isRegularFile().isNotEqualTo(good);
        assertThat(Files.isSymbolicLink(index)).isFalse();

        Files.delete(index);
        try (var f = new java.io.RandomAccessFile(index.toFile(), "rw")) {
            f.setLength(JournalLiveIndex.MAX_BYTES + 1); // sparse: huge, yet no disk
        }
        Files.write(index, Files.readAllBytes(good), java.nio.file.StandardOpenOption.WRITE); // a valid start, then zeros
        JournalReads huge = new JournalReads(EVERY);
        assertThat(seen(huge.fold(gitDir))).isEqualTo(fromTheFirstRecord());
        assertThat(huge.parsed()).isEqualTo(whole);

        Files.delete(index);
        Files.writeString(index, Files.readString(good), StandardCharsets.UTF_16);
        JournalReads utf16 = new JournalReads(EVERY);
        assertThat(seen(utf16.fold(gitDir))).isEqualTo(fromTheFirstRecord());

        Files.delete(index);
        Files.createDirectory(index);
        JournalReads folder = new JournalReads(EVERY);
        assertThat(seen(folder.fold(gitDir))).as("a folder in its place: read as no index, never a failure")
                .isEqualTo(fromTheFirstRecord());
        assertThat(folder.parsed()).isEqualTo(whole);
    }

    @Test
    void afterARotationTheIndexOfTheFileBeforeIsNotUsed() throws Exception {
        Records.write(Journal.file(gitDir), JournalRecord.GENESIS, 0, 100);
        JournalReads reads = new JournalReads(EVERY);
        reads.fold(gitDir);
        Journal j = new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.systemUTC(), reads, 1_000); // over the size
        j.folded(); // rotates the live file away before reading it
        j.append(Op.CHECKPOINT_WRITE, "cp-r", List.of(), "cr", null);
        assertThat(JournalFiles.rotated(gitDir)).hasSize(1);

        assertThat(seen(new JournalReads(EVERY).fold(gitDir))).isEqualTo(fromTheFirstRecord()).startsWith("301 cr ");
    }

    /** Every record of every file, folded from the first: the answer an index must not change. */
    private String fromTheFirstRecord() throws Exception {
        JournalFold fold = new JournalFold();
        Journal.readAll(gitDir).forEach(fold::add);
        return seen(fold);
    }

    private static String seen(JournalFold f) {
        return f.count() + " " + f.checkpoint() + " " + f.lastHash() + " " + f.pending() + " " + f.size();
    }
}
