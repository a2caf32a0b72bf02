package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.claim.ClaimResult;
import io.vaultsync.claim.ClaimService;
import io.vaultsync.config.Actions;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.SecretSamples;
import io.vaultsync.lease.Lease;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.sync.Backoff;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.WorkLedger;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cloud's handlers where things go wrong: bad tasks, lost claims, time limits, skipped cards, name clashes. */
class CloudWorkerEdgeTest extends CloudVaultFixture {

    @Test
    void aTaskWhoseNameHoldsATokenIsNeverClaimedAndItsNameNeverShown() throws Exception {
        String token = "gh" + "p_" + "Zq3" + "x".repeat(30) + "K9w";
        handler(List.of(SAMPLE_HANDLER.toString()), 3);
        ingest("EMAIL_" + token + ".md", TASK); // held back by the cloud's own sync: local only
        ingest("EMAIL_b_fine.md", TASK);
        worker.afterCycle(cloud);
        worker.afterCycle(cloud);

        Map<String, String> files = remoteFiles();
        assertThat(files).containsKey("Pending_Approval/email/DRAFT_reply_EMAIL_b_fine.md");
        assertThat(files.keySet()).noneMatch(p -> p.contains(token));
        assertThat(files.values()).noneMatch(c -> c.contains(token));
        assertThat(cloud.resolve("Needs_Action/EMAIL_" + token + ".md")).as("the held task stays where it was").exists();
        assertThat(said.toString()).contains("Needs_Action/EMAIL_***.md: not claimed:", "[name:github-token]")
                .doesNotContain(token);
    }

    @Test
    void aTaskTheSecretGateHoldsBackDoesNotStopTheOthers() throws Exception {
        SecretSamples.Sample aws = SecretSamples.all().stream()
                .filter(s -> s.expectedRulePrefix().equals("content:aws-secret-access-key")).findFirst().orElseThrow();
        handler(List.of(SAMPLE_HANDLER.toString()), 3);
        ingest("EMAIL_a_leaky.md", TASK + aws.content()); // held back by the cloud's own sync: local only
        ingest("EMAIL_b_fine.md", TASK);
        worker.afterCycle(cloud);
        worker.afterCycle(cloud);

        Map<String, String> files = remoteFiles();
        assertThat(files).containsKey("Pending_Approval/email/DRAFT_reply_EMAIL_b_fine.md")
                .doesNotContainKeys("Needs_Action/EMAIL_a_leaky.md", "In_Progress/cloud_agent/EMAIL_a_leaky.md");
        assertThat(cloud.resolve("Needs_Action/EMAIL_a_leaky.md")).as("the held task stays where it was").exists();
        String out = said.toString();
        assertThat(out).contains("Needs_Action/EMAIL_a_leaky.md: not claimed:", "[content:aws-secret-access-key]")
                .doesNotContain(aws.content().lines().filter(l -> l.contains("=")).findFirst().orElseThrow().split("=")[1].strip());
        assertThat(out.split("EMAIL_a_leaky.md: not claimed", -1)).as("said once, not every cycle").hasSize(2);
        CGit.assertFsckStrict(remote);
    }

    @Test
    void onlyVisibleMarkdownFilesAreTasks() throws Exception {
        Path calls = root.resolve("calls");
        handler(List.of(script("count.sh", "echo \"$1\" >> '" + calls + "'\necho hi > \"$2/r.md\"\n").toString()), 3);
        ingest("EMAIL_data.csv", "a,b\n");
        worker.afterCycle(cloud);
        assertThat(remoteFiles()).containsKey("Needs_Action/EMAIL_data.csv");
        assertThat(linesOf(calls)).isEmpty();
    }

    @Test
    void aHandlerConfiguredInUpperCaseStillMatchesItsType() throws Exception {
        actions(Actions.NONE.withHandler("EMAIL", List.of(SAMPLE_HANDLER.toString())));
        ingest("EMAIL_upper.md", TASK);
        worker.afterCycle(cloud);
        assertThat(remoteFiles()).containsKey("Pending_Approval/email/DRAFT_reply_EMAIL_upper.md");
    }

    @Test
    void aTaskAnotherAgentClaimedFirstIsSkippedQuietly() throws Exception {
        Path calls = root.resolve("calls");
        handler(List.of(script("count.sh", "echo \"$1\" >> '" + calls + "'\necho hi > \"$2/r.md\"\n").toString()), 3);
        ingest("EMAIL_race.md", TASK);
        SyncCycle localCycle = new SyncCycle(localAgent, clock, Backoff.DEFAULT, Duration.ofSeconds(5));
        localCycle.run(local);
        ClaimResult won = new ClaimService(localAgent, clock, localCycle, Lease.DEFAULT_LENGTH).claim(local, "EMAIL_race.md");
        assertThat(won).isInstanceOf(ClaimResult.Done.class);

        worker.afterCycle(cloud); // the cloud has not fetched: it still sees the task in Needs_Action/
        assertThat(linesOf(calls)).isEmpty();
        assertThat(said.toString()).doesNotContain("claimed EMAIL_race.md");
        assertThat(remoteFiles()).containsKey("In_Progress/local_agent/EMAIL_race.md")
                .doesNotContainKey("In_Progress/cloud_agent/EMAIL_race.md");
        CGit.assertFsckStrict(remote);
    }

    @Test
    void aHandlerPastItsTimeLimitIsStoppedAndCountsAsAFailure() throws Exception {
        Path pidFile = root.resolve("child.pid");
        Path slow = script("slow.sh", "sleep 60 &\necho $! > '" + pidFile + "'\nwait\n");
        actions(new Actions(Map.of("email", List.of(slow.toString())), Map.of(), 3, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        ingest("EMAIL_slow.md", TASK);
        long t0 = System.nanoTime();
        worker.afterCycle(cloud);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(said.toString()).contains("In_Progress/cloud_agent/EMAIL_slow.md: handler failed (timed out after 1s, attempt 1)");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(running(child)).as("the handler's child is stopped too").isFalse();
        assertThat(remoteFiles()).containsKey("In_Progress/cloud_agent/EMAIL_slow.md");
    }

    @Test
    void aCardDecidedSkipLeavesTheTaskAloneForGood() throws Exception {
        Path calls = root.resolve("calls");
        handler(List.of(script("fail.sh", "echo \"$1\" >> '" + calls + "'\necho 'no luck'\nexit 1\n").toString()), 1);
        ingest("EMAIL_skip.md", TASK);
        worker.afterCycle(cloud); // fails once
        worker.afterCycle(cloud); // one failure is max_attempts: carded
        String id = CardFiles.open(cloud).get(0).card().id();
        CliRun resolved = cli("resolve", id, "--keep", "skip", "--vault", cloud.toString());
        assertThat(resolved.code()).as(resolved.err()).isZero();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofDays(1));
            worker.afterCycle(cloud);
        }
        assertThat(linesOf(calls)).hasSize(1);
        assertThat(said.toString()).contains("In_Progress/cloud_agent/EMAIL_skip.md: left alone (card " + id + " decided skip)");
        assertThat(remoteFiles()).containsKey("In_Progress/cloud_agent/EMAIL_skip.md");
        assertThat(new WorkLedger(cloud.resolve(".git"), WorkLedger.HANDLERS).read()).last()
                .extracting(WorkLedger.Entry::event).isEqualTo(WorkLedger.Event.SKIPPED);
    }

    @Test
    void draftsOfTheSameNameDoNotReplaceEachOther() throws Exception {
        handler(List.of(script("fixed.sh", "printf -- '---\\nsubject: hi\\n---\\nReply to %s\\n' \"$(basename \"$1\")\" > \"$2/DRAFT_reply.md\"\n")
                .toString()), 3);
        ingest("EMAIL_one.md", TASK);
        ingest("EMAIL_two.md", TASK);
        worker.afterCycle(cloud);
        Map<String, String> files = remoteFiles();
        assertThat(files.get("Pending_Approval/email/DRAFT_reply.md")).contains("Reply to EMAIL_one.md", "task: \"EMAIL_one.md\"");
        assertThat(files.get("Pending_Approval/email/DRAFT_reply-2.md")).contains("Reply to EMAIL_two.md", "task: \"EMAIL_two.md\"");
        assertThat(files.keySet()).noneMatch(k -> k.contains("DRAFT_DRAFT_"));
        CGit.assertFsckStrict(remote);
    }

    @Test
    void aPassOverItsTimeBudgetLeavesTheRestForTheNextPass() throws Exception {
        handler(List.of(SAMPLE_HANDLER.toString()), 3);
        ingest("EMAIL_first.md", TASK);
        ingest("EMAIL_second.md", TASK);
        CloudWorker hurried = new CloudWorker(agent, clock, cycle(), new PrintWriter(said, true), Duration.ZERO);
        hurried.afterCycle(cloud);
        assertThat(remoteFiles()).containsKeys("Pending_Approval/email/DRAFT_reply_EMAIL_first.md",
                "In_Progress/cloud_agent/EMAIL_second.md");
        hurried.afterCycle(cloud);
        assertThat(remoteFiles()).containsKey("Pending_Approval/email/DRAFT_reply_EMAIL_second.md")
                .doesNotContainKey("In_Progress/cloud_agent/EMAIL_second.md");
    }

    /** Alive and not a zombie (a killed child whose parent died first may wait for a reaper as a zombie). */
    static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) return false;
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }
}
