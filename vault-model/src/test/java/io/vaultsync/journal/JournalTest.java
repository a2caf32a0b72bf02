package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.cli.TestCli;
import io.vaultsync.config.DeviceId;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Role;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.sync.TestVaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal with real clones: what it records, verify, replay idempotence, tombstones, log --path. */
class JournalTest {
    @TempDir
    Path root;
    TestVaults v;

    static CliRun cli(Role role, String... args) {
        return TestCli.run(role, args);
    }

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
    }

    List<JournalRecord> journal(Path vault) throws Exception {
        return Journal.read(Journal.file(vault.resolve(".git")));
    }

    List<String> ops(Path vault) throws Exception {
        return journal(vault).stream().map(JournalRecord::op).toList();
    }

    @Test
    void aSyncEnqueuesReconcilesAndCheckpointsAndCommitsCarryTheDevice() throws Exception {
        TestVaults.write(v.cloud(), "Plans/p.md", "plan\n");
        v.syncCloud();
        List<JournalRecord> j = journal(v.cloud());
        JournalRecord enq = j.stream().filter(r -> r.op().equals("sync.operation.enqueue") && r.paths().contains("Plans/p.md"))
                .findFirst().orElseThrow();
        JournalRecord rec = j.stream().filter(r -> r.op().equals("sync.operation.reconcile") && r.id().equals(enq.id()))
                .findFirst().orElseThrow();
        String head = RemoteTree.head(v.remote(), "main");
        assertThat(rec.commit()).isEqualTo(head);
        assertThat(j.get(j.size() - 1).op()).isEqualTo("sync.checkpoint.write");
        assertThat(j.get(j.size() - 1).commit()).isEqualTo(head);
        String device = DeviceId.of(v.cloud().resolve(".git"));
        assertThat(device).startsWith("dev-");
        assertThat(enq.agent()).isEqualTo("cloud_agent");
        assertThat(enq.device()).isEqualTo(device);
        assertThat(RemoteTree.messages(v.remote(), "main").get(0)).contains("Vaultsync-Device: " + device);
        assertThat(cli(Role.CLOUD, "verify", "--vault", v.cloud().toString()).code()).isZero();
    }

    @Test
    void workDoneOfflineIsEnqueuedThenReplayedAndReconciledWhenItLands() throws Exception {
        TestVaults.write(v.local(), "Done/a.md", "a\n");
        Path away = root.resolve("away.git");
        Files.move(v.remote(), away);
        v.syncLocal(); // offline: committed here only
        String local = journal(v.local()).stream().filter(r -> r.op().equals("sync.operation.enqueue")).reduce((a, b) -> b)
                .orElseThrow().commit();
        Files.move(away, v.remote());
        TestVaults.write(v.cloud(), "Plans/x.md", "x\n");
        v.syncCloud(); // the remote moves on: the local commit must be replayed on top
        v.syncLocal();
        List<JournalRecord> j = journal(v.local());
        JournalRecord replay = j.stream().filter(r -> r.op().equals("sync.operation.replay")).findFirst().orElseThrow();
        assertThat(replay.detail()).isEqualTo("from " + local);
        assertThat(replay.source()).isEqualTo(local);
        assertThat(j).filteredOn(r -> r.op().equals("sync.operation.reconcile") && r.commit().equals(replay.commit()))
                .extracting(JournalRecord::source).containsExactly(local);
        assertThat(replay.commit()).isNotEqualTo(local);
        assertThat(j).anyMatch(r -> r.op().equals("sync.operation.reconcile") && r.commit().equals(replay.commit()));
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Done/a.md");
        CliRun verify = cli(Role.LOCAL, "verify", "--vault", v.local().toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("hash chain intact");
    }

    @Test
    void verifyNamesAChangedARemovedAndAReorderedRecord() throws Exception {
        for (int i = 0; i < 3; i++) {
            TestVaults.write(v.cloud(), "Plans/p" + i + ".md", "plan " + i + "\n");
            v.syncCloud();
        }
        Path file = Journal.file(v.cloud().resolve(".git"));
        List<String> good = Files.readAllLines(file);
        assertThat(good.size()).isGreaterThanOrEqualTo(5);
        assertThat(cli(Role.CLOUD, "verify", "--vault", v.cloud().toString()).code()).isZero();

        List<String> changed = new ArrayList<>(good);
        changed.set(2, changed.get(2).replace("\"agent\":\"cloud_agent\"", "\"agent\":\"local_agent\""));
        assertThat(changed.get(2)).isNotEqualTo(good.get(2));
        assertBroken(file, changed, 3, "does not match its hash (changed)");

        List<String> removed = new ArrayList<>(good);
        removed.remove(2);
        assertBroken(file, removed, 3, "does not follow the record before it");

        List<String> reordered = new ArrayList<>(good);
        reordered.set(2, good.get(3));
        reordered.set(3, good.get(2));
        assertBroken(file, reordered, 3, "does not follow the record before it");

        Files.write(file, good);
        assertThat(cli(Role.CLOUD, "verify", "--vault", v.cloud().toString()).code()).isZero();

        List<String> garbled = new ArrayList<>(good);
        garbled.add(1, "{\"id\": 7, \"paths\": \"x\"}");
        Files.write(file, garbled);
        TestVaults.write(v.cloud(), "Plans/after.md", "after\n");
        assertThat(v.syncCloud().outcome().completed()).as("a bad journal line never stops a sync").isTrue();
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/after.md");
        assertBroken(file, Files.readAllLines(file), 2, "not a journal record");
    }

    @Test
    void aJournalCutShortOrEmptiedFailsVerifyThoughItsChainIsIntact() throws Exception {
        for (int i = 0; i < 3; i++) {
            TestVaults.write(v.cloud(), "Plans/p" + i + ".md", "plan " + i + "\n");
            v.syncCloud();
        }
        Path file = Journal.file(v.cloud().resolve(".git"));
        List<String> all = Files.readAllLines(file);
        assertThat(all.size()).isGreaterThan(3);
        assertThat(cli(Role.CLOUD, "verify", "--vault", v.cloud().toString()).code()).isZero();

        Files.write(file, all.subList(0, 2));
        CliRun cut = cli(Role.CLOUD, "verify", "--vault", v.cloud().toString());
        assertThat(cut.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(cut.err()).contains("has 2 records but had " + all.size()).contains("removed from its end");

        Files.write(file, new byte[0]);
        assertThat(cli(Role.CLOUD, "verify", "--vault", v.cloud().toString()).err()).contains("has 0 records");

        Files.write(file, all); // put back whole: verify passes again
        assertThat(cli(Role.CLOUD, "verify", "--vault", v.cloud().toString()).code()).isZero();
    }

    void assertBroken(Path file, List<String> lines, int line, String why) throws Exception {
        Files.write(file, lines);
        CliRun r = cli(Role.CLOUD, "verify", "--vault", v.cloud().toString());
        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).contains("journal record " + line).contains(why);
    }

    @Test
    void replayingTheJournalTwiceChangesNothing() throws Exception {
        TestVaults.write(v.cloud(), "Plans/p.md", "plan\n");
        v.syncCloud();
        // a commit the journal never heard of, as after a kill between the commit and its record
        try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
            byte[] b = "late\n".getBytes(StandardCharsets.UTF_8);
            TestVaults.write(v.cloud(), "Plans/late.md", "late\n");
            CommitWriter.commit(vault, List.of(new StagedFile("Plans/late.md", b, b.length,
                    Files.getLastModifiedTime(v.cloud().resolve("Plans/late.md")))),
                    new Trailers("cloud_agent", "vm", "op-crashed", null).message("vaultsync: cloud_agent syncs 1 path"),
                    new PersonIdent("cloud_agent", "cloud_agent@vaultsync"));
        }
        Path file = Journal.file(v.cloud().resolve(".git"));
        String remoteBefore = RemoteTree.head(v.remote(), "main");
        try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
            String head = vault.head().name();
            JournalSync sync = new JournalSync(new Journal(vault.gitDir(), "cloud_agent", "vm", "dev-x", Clock.systemUTC()),
                    "cloud_agent");
            assertThat(sync.catchUp(vault)).as("the unrecorded commit is enqueued").isEqualTo(1);
            byte[] once = Files.readAllBytes(file);
            assertThat(sync.catchUp(vault)).as("a second replay records nothing").isZero();
            assertThat(Files.readAllBytes(file)).isEqualTo(once);
            assertThat(vault.head().name()).isEqualTo(head);
        }
        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(remoteBefore);
        assertThat(journal(v.cloud())).anyMatch(r -> r.id().equals("op-crashed") && r.op().equals("sync.operation.enqueue"));
        v.syncCloud();
        assertThat(journal(v.cloud())).anyMatch(r -> r.id().equals("op-crashed") && r.op().equals("sync.operation.reconcile"));
    }

    @Test
    void anOperationWhoseCommitLeftTheBranchWithoutLandingIsRecordedAsAbandoned() throws Exception {
        v.syncCloud();
        try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
            JournalSync sync = new JournalSync(new Journal(vault.gitDir(), "cloud_agent", "vm", "dev-x", Clock.systemUTC()),
                    "cloud_agent");
            byte[] b = "undone\n".getBytes(StandardCharsets.UTF_8);
            TestVaults.write(v.cloud(), "Plans/undone.md", "undone\n");
            String lost = CommitWriter.commit(vault, List.of(new StagedFile("Plans/undone.md", b, b.length,
                    Files.getLastModifiedTime(v.cloud().resolve("Plans/undone.md")))),
                    new Trailers("cloud_agent", "vm", "op-undone", null).message("vaultsync: cloud_agent syncs 1 path"),
                    new PersonIdent("cloud_agent", "cloud_agent@vaultsync")).name();
            sync.catchUp(vault);
            CGit.run(v.cloud(), "reset", "-q", "--hard", "origin/main"); // undone, as a lost claim is
            assertThat(sync.catchUp(vault)).isEqualTo(1);
            assertThat(sync.catchUp(vault)).isZero();
            assertThat(journal(v.cloud())).anyMatch(r -> r.op().equals("sync.repair.apply") && lost.equals(r.commit())
                    && r.id().equals("op-undone") && r.detail().startsWith("operation abandoned"));
        }
    }

    @Test
    void aDeletedTaskThatComesBackIsCardedNotResurrected() throws Exception {
        TestVaults.write(v.cloud(), "Needs_Action/EMAIL_dup.md", "the same email\n");
        v.syncCloud();
        Files.delete(v.cloud().resolve("Needs_Action/EMAIL_dup.md"));
        v.syncCloud();
        assertThat(journal(v.cloud())).anyMatch(r -> r.op().equals("sync.tombstone.apply") && "deleted".equals(r.detail())
                && r.paths().contains("Needs_Action/EMAIL_dup.md"));

        TestVaults.write(v.cloud(), "Needs_Action/EMAIL_dup.md", "the same email\n"); // the watcher ingests it again
        v.syncCloud();
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey("Needs_Action/EMAIL_dup.md");
        var card = CardFiles.open(v.cloud()).get(0).card();
        assertThat(card.kind().yamlName()).isEqualTo("tombstoned");
        assertThat(remote.get(card.theirs().at())).isEqualTo("the same email\n");
        assertThat(remote.get(card.cardPath())).contains("--keep theirs", "bring `Needs_Action/EMAIL_dup.md` back");
        assertThat(journal(v.cloud())).anyMatch(r -> r.op().equals("sync.tombstone.apply") && r.detail().startsWith("refused"));

        CliRun r = cli(Role.CLOUD, "resolve", card.id(), "--keep", "theirs", "--vault", v.cloud().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry("Needs_Action/EMAIL_dup.md", "the same email\n");
        assertThat(journal(v.cloud())).anyMatch(x -> x.op().equals("sync.conflict.resolve") && x.id().equals(card.id()));
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void statusSaysEachAgentsLastPushAndWhetherAnyonePushedSinceTheLastFetch() throws Exception {
        TestVaults.write(v.cloud(), "Plans/p.md", "plan\n");
        v.syncCloud();
        TestVaults.write(v.local(), "Done/d.md", "done\n");
        v.syncLocal();
        String localHead = RemoteTree.head(v.remote(), "main");
        CliRun st = cli(Role.LOCAL, "status", "--vault", v.local().toString(), "--json");
        assertThat(st.code()).as(st.err()).isZero();
        assertThat(st.out()).contains("\"remoteMovedSinceFetch\" : \"no\"");
        assertThat(st.out()).containsPattern("\"local_agent\" : \\{\\s*\"commit\" : \"" + localHead + "\",\\s*\"time\" : \"[^\"]+\","
                + "\\s*\"machine\" : \"desktop\"");
        assertThat(st.out()).containsPattern("\"cloud_agent\" : \\{\\s*\"commit\" : \"[0-9a-f]{40}\",\\s*\"time\" : \"[^\"]+\","
                + "\\s*\"machine\" : \"vm\"");
        TestVaults.write(v.cloud(), "Plans/q.md", "q\n");
        v.syncCloud();
        CliRun after = cli(Role.LOCAL, "status", "--vault", v.local().toString());
        assertThat(after.out()).contains("remote moved  yes (since this clone's last fetch)")
                .containsPattern("last push     local_agent +\\S+Z  commit " + localHead.substring(0, 10) + "  on desktop");
        Files.move(v.remote(), root.resolve("gone.git"));
        assertThat(cli(Role.LOCAL, "status", "--vault", v.local().toString()).out()).contains("remote moved  unknown: ");
    }

    @Test
    void logPathNamesTheAgentAndCommitOfEachChange() throws Exception {
        TestVaults.write(v.cloud(), "Pending_Approval/email/DRAFT_x.md", "draft\n");
        v.syncCloud();
        v.syncLocal();
        Files.move(v.local().resolve("Pending_Approval/email/DRAFT_x.md"), v.local().resolve("Approved/DRAFT_x.md"));
        v.syncLocal();
        List<String> commits = List.of(CGit.run(v.remote().getParent(), "--git-dir", v.remote().toString(), "log",
                "--format=%H", "main", "--", "Pending_Approval/email/DRAFT_x.md").trim().split("\n"));
        assertThat(commits).hasSize(2);
        CliRun r = cli(Role.LOCAL, "log", "--vault", v.local().toString(), "--path", "Pending_Approval/email/DRAFT_x.md");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).containsPattern("local_agent@desktop  commit " + commits.get(0).substring(0, 10))
                .containsPattern("cloud_agent@vm  commit " + commits.get(1).substring(0, 10));
        assertThat(out.indexOf("local_agent@desktop")).isLessThan(out.indexOf("cloud_agent@vm"));
        CliRun json = cli(Role.LOCAL, "log", "--vault", v.local().toString(), "--path", "Approved/DRAFT_x.md", "--json");
        assertThat(json.out()).contains("\"agent\" : \"local_agent\"", "\"commit\" : \"" + commits.get(0) + "\"",
                "\"op\" : \"sync.operation.enqueue\"");
        CliRun bad = cli(Role.LOCAL, "log", "--vault", v.local().toString(), "--op", "sync.nope");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("unknown operation type 'sync.nope'");
    }
}
