package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.SettingsStore;
import io.vaultsync.sync.ClaimLog;
import io.vaultsync.work.WorkLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files an agent keeps under {@code .git/vaultsync/} are written byte for byte as before Jackson wrote
 * the records themselves (the lines below were written by the hand-built maps), and a journal written then
 * still reads, verifies and extends.
 */
class LedgerBytesTest {
    static final Instant T = Instant.parse("2026-01-02T03:04:05.120Z");
    static final String HASH_1 = "8bbcb090e69b23da8757bab72294a5254014c4ee8503d1d06f28f9b2181c6768";
    static final String HASH_2 = "eaaf0d5da5cc98233bb2a7dbbc06322fd92ccf58ae21d87b0f33561cd9e28bb5";
    static final String HASH_3 = "ef0620377d14328a5f9884a750f2659331c3e82e8b747b1d2d939b6f2133e13b";
    static final String OLD_JOURNAL = """
            {"id":"op-1","op":"sync.operation.enqueue","time":"2026-01-02T03:04:05.120Z","agent":"cloud_agent",\
            "machine":"vm","device":"dev-1","paths":["Plans/a.md","Plans/\\"b\\".md"],"commit":"c0ffee","detail":null,\
            "prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"%1$s"}
            {"id":"op-1","op":"sync.operation.replay","time":"2026-01-02T03:04:05.120Z","agent":"cloud_agent",\
            "machine":"vm","device":"dev-1","paths":[],"commit":"beef","detail":"from c0ffee","prev":"%1$s",\
            "hash":"%2$s","source":"c0ffee"}
            {"id":"cp-1","op":"sync.checkpoint.write","time":"2026-01-02T03:04:05.120Z","agent":"cloud_agent",\
            "machine":"vm","device":"dev-1","paths":[],"commit":null,"detail":"h\u00e9\\n","prev":"%2$s",\
            "hash":"%3$s"}
            """.formatted(HASH_1, HASH_2, HASH_3);

    @TempDir
    Path gitDir;

    @Test
    void journalLedgersAndHeadAreWrittenAsTheHandBuiltMapsWroteThem() throws Exception {
        Journal j = new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.fixed(T, ZoneOffset.UTC));
        j.append(Op.ENQUEUE, "op-1", List.of("Plans/a.md", "Plans/\"b\".md"), "c0ffee", null);
        j.append(Op.REPLAY, "op-1", List.of(), "beef", "from c0ffee", "c0ffee");
        j.append(Op.CHECKPOINT_WRITE, "cp-1", List.of(), null, "h\u00e9\n");
        ClaimLog.append(gitDir, new ClaimLog.Entry(T, "claimed", "T1.md", "cloud_agent", null));
        new WorkLedger(gitDir, WorkLedger.EXECUTIONS)
                .append(new WorkLedger.Entry("k1", "Approved/a.md", WorkLedger.Event.SUCCEEDED, T, "sent"));

        assertThat(state("journal.jsonl")).isEqualTo(OLD_JOURNAL);
        assertThat(state("journal-head.json")).isEqualTo("{\"count\":3,\"hash\":\"" + HASH_3 + "\"}");
        assertThat(state("claims.jsonl")).isEqualTo("""
                {"time":"2026-01-02T03:04:05.120Z","op":"claimed","task":"T1.md","agent":"cloud_agent","detail":null}
                """);
        assertThat(state("executions.jsonl")).isEqualTo("""
                {"key":"k1","item":"Approved/a.md","event":"succeeded","time":"2026-01-02T03:04:05.120Z","detail":"sent"}
                """);
    }

    @Test
    void aJournalWrittenBeforeReadsVerifiesAndExtends() throws Exception {
        Path f = Journal.file(gitDir);
        Files.createDirectories(f.getParent());
        Files.writeString(f, OLD_JOURNAL, StandardCharsets.UTF_8);
        Files.writeString(f.resolveSibling("journal-head.json"), "{\"count\":3,\"hash\":\"" + HASH_3 + "\"}");

        List<JournalRecord> records = Journal.read(f);
        assertThat(records).extracting(JournalRecord::hash).containsExactly(HASH_1, HASH_2, HASH_3);
        assertThat(records).extracting(JournalRecord::source).containsExactly(null, "c0ffee", null);
        assertThat(records.get(0).paths()).containsExactly("Plans/a.md", "Plans/\"b\".md");
        assertThat(records.get(2).detail()).isEqualTo("h\u00e9\n");
        assertThat(JournalCheck.verify(Journal.lines(gitDir))).isEmpty();
        assertThat(JournalAnchor.read(gitDir)).contains(new JournalAnchor(3, HASH_3));

        new Journal(gitDir, "cloud_agent", "vm", "dev-1", Clock.fixed(T, ZoneOffset.UTC))
                .append(Op.CHECKPOINT_WRITE, "cp-2", List.of(), "d00d", null);
        assertThat(JournalCheck.verify(Journal.lines(gitDir))).isEmpty();
        assertThat(state("journal.jsonl")).startsWith(OLD_JOURNAL);
        assertThat(JournalAnchor.read(gitDir)).contains(new JournalAnchor(4, Journal.read(f).get(3).hash()));
    }

    private String state(String name) throws Exception {
        return Files.readString(SettingsStore.stateDir(gitDir).resolve(name), StandardCharsets.UTF_8);
    }
}
