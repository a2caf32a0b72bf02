package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal is rotated at a size: the hash chain goes on across files, the checks read every file in order
 * and name the one that was tampered with, readers see the old records, and what a running agent keeps of it
 * (its fold) does not grow with the number of records.
 */
class JournalRotationTest {
    @TempDir
    Path gitDir;

    Journal small(JournalReads reads) {
        return new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.systemUTC(), reads, 2_000);
    }

    @Test
    void rotationKeepsTheChainAndEveryReaderSeesTheRecordsOfEveryFile() throws Exception {
        JournalReads reads = new JournalReads();
        Journal j = small(reads);
        for (int i = 0; i < 40; i++) j.append(Op.ENQUEUE, "op-" + i, List.of("Plans/p" + i + ".md"), "c" + i, null);

        List<Path> rotated = JournalFiles.rotated(gitDir);
        assertThat(rotated).hasSizeGreaterThan(2);
        assertThat(rotated.get(0).getFileName()).hasToString("journal-000001.jsonl");
        for (Path f : rotated) assertThat(Files.size(f)).isLessThan(2_000 + 1_000);
        List<JournalRecord> all = Journal.readAll(gitDir);
        assertThat(all).extracting(JournalRecord::id).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "op-" + i).toList());
        List<JournalRecord> second = Journal.read(rotated.get(1));
        assertThat(second.get(0).prev()).as("a new file chains to the last record of the one before")
                .isEqualTo(Journal.read(rotated.get(0)).get(Journal.read(rotated.get(0)).size() - 1).hash());
        assertThat(JournalCheck.verifyFiles(JournalFiles.all(gitDir))).isEmpty();
        assertThat(JournalAnchor.read(gitDir).flatMap(a -> a.check(all))).isEmpty();
        assertThat(reads.fold(gitDir).count()).isEqualTo(40);
        assertThat(reads.fold(gitDir).lastHash()).isEqualTo(all.get(39).hash());
        assertThat(new JournalReads().fold(gitDir).pending()).hasSize(40).containsEntry("c0", "op-0");

        JournalQuery.Answer old = new JournalQuery("sync.operation.enqueue", null, "Plans/p0.md").run(gitDir.getParent(), gitDir, "main");
        assertThat(old.records()).extracting(JournalRecord::id).containsExactly("op-0");
    }

    @Test
    void aTamperedRotatedFileFailsTheCheckWhichNamesIt() throws Exception {
        Journal j = small(new JournalReads());
        for (int i = 0; i < 40; i++) j.append(Op.CHECKPOINT_WRITE, "cp-" + i, List.of(), "c" + i, null);
        Path first = JournalFiles.rotated(gitDir).get(0);
        Files.writeString(first, Files.readString(first).replace("\"c1\"", "\"cX\""));

        Optional<JournalCheck.FileBreak> broken = JournalCheck.verifyFiles(JournalFiles.all(gitDir));
        assertThat(broken).isPresent();
        assertThat(broken.get().file()).isEqualTo(first);
        assertThat(broken.get().brk().line()).isEqualTo(2);
        assertThat(broken.get().brk().why()).contains("does not match its hash");

        Files.writeString(first, Files.readString(first).replace("\"cX\"", "\"c1\""));
        Path second = JournalFiles.rotated(gitDir).get(1);
        Files.delete(second); // a whole file gone: the next one no longer follows
        broken = JournalCheck.verifyFiles(JournalFiles.all(gitDir));
        assertThat(broken).isPresent();
        assertThat(broken.get().file()).isNotEqualTo(first).isNotEqualTo(second);
        assertThat(broken.get().brk().line()).isEqualTo(1);
        assertThat(broken.get().brk().why()).contains("does not follow");
    }

    @Test
    void aStartingAgentTakesTheFoldOfTheRotatedFilesFromTheIndexBesideThem() throws Exception {
        JournalReads reads = new JournalReads();
        Journal j = small(reads);
        for (int i = 0; i < 40; i++) j.append(Op.CHECKPOINT_WRITE, "cp-" + i, List.of(), "c" + i, null);
        assertThat(reads.fold(gitDir).count()).isEqualTo(40);
        assertThat(JournalIndex.file(gitDir)).exists();

        Path first = JournalFiles.rotated(gitDir).get(0);
        long inFirst = Journal.read(first).size();
        Files.writeString(first, ""); // what a start folds no longer depends on the rotated files' bytes...
        assertThat(new JournalReads().fold(gitDir).count()).isEqualTo(40);
        assertThat(JournalCheck.verifyFiles(JournalFiles.all(gitDir))).as("...but verify reads them").isPresent();

        Files.delete(JournalIndex.file(gitDir)); // no index: the files are folded again, and it is written again
        assertThat(new JournalReads().fold(gitDir).count()).isEqualTo(40 - inFirst);
        assertThat(JournalIndex.file(gitDir)).exists();
    }

    @Test
    void whatARunningAgentKeepsOfItsJournalDoesNotGrowWithTheNumberOfRecords() throws Exception {
        JournalReads reads = new JournalReads();
        String prev = Records.write(gitDir.resolve("vaultsync/journal-000001.jsonl"), JournalRecord.GENESIS, 0, 12_000);
        int atTwelveThousand = reads.fold(gitDir).size();
        prev = Records.write(gitDir.resolve("vaultsync/journal-000002.jsonl"), prev, 12_000, 12_000);
        Records.write(Journal.file(gitDir), prev, 24_000, 12_000);
        JournalFold fold = reads.fold(gitDir);

        assertThat(fold.count()).isEqualTo(36_000 * 3);
        assertThat(fold.pending()).as("every enqueued commit landed").isEmpty();
        assertThat(fold.size()).as("landed commits remembered: a catch-up's walk, not the history")
                .isEqualTo(JournalFold.RECENT).isEqualTo(atTwelveThousand);
        assertThat(fold.landed("c35999")).isTrue();
        assertThat(fold.landed("c0")).isFalse();
        assertThat(fold.checkpoint()).isEqualTo("c35999");
        assertThat(JournalCheck.verifyFiles(JournalFiles.all(gitDir))).isEmpty();
    }

    @Test
    void aLiveFileAlreadyOverTheSizeIsRotatedBeforeItIsRead() throws Exception {
        Records.write(Journal.file(gitDir), JournalRecord.GENESIS, 0, 100); // a journal from before rotation
        JournalFold fold = small(new JournalReads()).folded();
        assertThat(fold.count()).isEqualTo(300);
        assertThat(JournalFiles.rotated(gitDir)).hasSize(1);
        assertThat(Journal.file(gitDir)).doesNotExist();
        assertThat(JournalCheck.verifyFiles(JournalFiles.all(gitDir))).isEmpty();
    }
}
