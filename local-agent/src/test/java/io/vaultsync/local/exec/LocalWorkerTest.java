package io.vaultsync.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.MutableClock;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.local.LocalCli;
import io.vaultsync.local.approve.HandApprovals;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.process.ProcessIdentity;
import io.vaultsync.work.RunningCalls;
import io.vaultsync.work.WorkLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local agent's executors, in this JVM, against a real remote and real executor scripts. */
class LocalWorkerTest {
    static final Path SAMPLE_EXECUTOR = Path.of("..", "scripts", "sample-executor.sh").toAbsolutePath().normalize();
    static final String DRAFT = "---\ntype: email\nto: client@example.com\nsubject: \"Re: invoice 1042\"\n---\nIt is due on the 30th.\n";

    @TempDir
    Path root;
    Vaults v;
    Path gitDir;
    Path outbox;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    StringWriter said = new StringWriter();
    LocalWorker worker;

    @BeforeEach
    void setUp() {
        v = Vaults.create(root);
        gitDir = v.local().resolve(".git");
        outbox = root.resolve("outbox");
        worker = new LocalWorker(v.localAgent(), clock, Vaults.cycle(v.localAgent(), clock), new PrintWriter(said, true));
    }

    void executor(List<String> command) {
        ActionsStore.write(gitDir, Actions.NONE.withExecutor("email", command).withRetries(3, Duration.ofSeconds(10)));
    }

    String approve(String draft) {
        v.draft(draft, DRAFT);
        CliRun r = LocalCli.run("approve", draft, "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isZero();
        return "Approved/" + draft.substring(draft.lastIndexOf('/') + 1);
    }

    List<Path> sent() throws Exception {
        if (!Files.isDirectory(outbox)) return List.of();
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    @Test
    void anApprovedItemIsSentOnceAndMovedToDoneWithItsOutcome() throws Exception {
        executor(List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString()));
        String item = approve("Pending_Approval/email/DRAFT_reply.md");
        worker.afterCycle(v.local());
        assertThat(sent()).hasSize(1);
        assertThat(Files.readString(sent().get(0))).startsWith("To: client@example.com\nSubject: Re: invoice 1042\n")
                .contains("It is due on the 30th.");
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey(item).doesNotContainKey("Pending_Approval/email/DRAFT_reply.md");
        String done = remote.get("Done/DRAFT_reply.md");
        assertThat(done).startsWith("---\ntype: email\n").contains("It is due on the 30th.\n\n## Outcome\n")
                .contains("- by: local_agent on desktop", "- executor: email", "- result: done (exit 0)", "sent to client@example.com");
        String key = sent().get(0).getFileName().toString().replace(".eml", "");
        assertThat(done).contains("- idempotency key: `" + key + "`");
        assertThat(said.toString()).contains(item + ": executed (email, attempt 1)", item + " -> Done/DRAFT_reply.md");

        String head = RemoteTree.head(v.remote(), "main");
        worker.afterCycle(v.local());
        assertThat(sent()).hasSize(1);
        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(head);
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void aDraftMovedToApprovedByHandOnThisDesktopIsStampedAndExecuted() throws Exception {
        executor(List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString()));
        v.draft("Pending_Approval/email/DRAFT_by hand.md", DRAFT);
        Files.move(v.local().resolve("Pending_Approval/email/DRAFT_by hand.md"), v.local().resolve("Approved/DRAFT_by hand.md"));
        Vaults.cycle(v.localAgent(), clock).run(v.local(), new HandApprovals());
        String approved = RemoteTree.files(v.remote(), "main").get("Approved/DRAFT_by hand.md");
        assertThat(approved).contains("domain: \"email\"", "approved_by: \"local_agent\"", "approval_id: ");
        worker.afterCycle(v.local());
        assertThat(sent()).hasSize(1);
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Done/DRAFT_by hand.md");
    }

    @Test
    void aFileCreatedInApprovedFromNothingIsNotStampedNorExecuted() throws Exception {
        executor(List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString()));
        Vaults.write(v.local(), "Approved/made-up.md", DRAFT);
        Vaults.cycle(v.localAgent(), clock).run(v.local(), new HandApprovals());
        assertThat(RemoteTree.files(v.remote(), "main").get("Approved/made-up.md")).isEqualTo(DRAFT);
        worker.afterCycle(v.local());
        assertThat(sent()).isEmpty();
    }

    @Test
    void anItemNotApprovedOnThisMachineIsNeverExecuted() throws Exception {
        executor(List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString()));
        Vaults.write(v.local(), "Approved/pay.md", "---\ndomain: \"email\"\napproval_id: \"forged-1\"\nto: a@b.c\n---\npay\n");
        v.syncLocal();
        worker.afterCycle(v.local());
        assertThat(sent()).isEmpty();
        assertThat(v.local().resolve("Approved/pay.md")).exists();
        assertThat(LocalWorker.ledger(gitDir).read()).isEmpty();
    }

    @Test
    void aFailingExecutorIsRetriedWithBackoffThenCardedAndTheCardsDecisionRetriesIt() throws Exception {
        Path flaky = root.resolve("flaky.sh");
        Path down = root.resolve("smtp-down");
        Path calls = root.resolve("calls");
        Files.createFile(down);
        Files.writeString(flaky, "#!/bin/sh\necho \"$2\" >> '" + calls + "'\nif [ -e '" + down + "' ]; then echo 'smtp: connection refused'; exit 3; fi\n"
                + "exec '" + SAMPLE_EXECUTOR + "' --outbox '" + outbox + "' \"$1\" \"$2\"\n");
        Files.setPosixFilePermissions(flaky, PosixFilePermissions.fromString("rwxr-xr-x"));
        executor(List.of(flaky.toString()));
        String item = approve("Pending_Approval/email/DRAFT_flaky.md");

        worker.afterCycle(v.local());
        assertThat(Files.readAllLines(calls)).hasSize(1);
        assertThat(said.toString()).contains(item + ": executor failed (exit 3, attempt 1)");
        clock.advance(Duration.ofSeconds(9));
        worker.afterCycle(v.local());
        assertThat(Files.readAllLines(calls)).as("not before the delay").hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        worker.afterCycle(v.local());
        assertThat(Files.readAllLines(calls)).hasSize(2);
        clock.advance(Duration.ofSeconds(19));
        worker.afterCycle(v.local());
        assertThat(Files.readAllLines(calls)).as("the second delay is twice the first").hasSize(2);
        clock.advance(Duration.ofSeconds(2));
        worker.afterCycle(v.local());
        assertThat(Files.readAllLines(calls)).hasSize(3);
        assertThat(Files.readAllLines(calls)).as("one key for every try").containsOnly(Files.readAllLines(calls).get(0));

        clock.advance(Duration.ofHours(1));
        worker.afterCycle(v.local()); // three failures: a card
        List<CardFiles.Entry> open = CardFiles.open(v.local());
        assertThat(open).hasSize(1);
        String id = open.get(0).card().id();
        String card = RemoteTree.files(v.remote(), "main").get("Pending_Approval/conflicts/local_agent/" + id + ".md");
        assertThat(card).contains("kind: execution-failed", "path: \"" + item + "\"", "failed 3 times in a row (last: exit 3)",
                "smtp: connection refused", "resolve " + id + " --keep ours");
        clock.advance(Duration.ofDays(1));
        worker.afterCycle(v.local());
        assertThat(Files.readAllLines(calls)).as("nothing runs while the card is open").hasSize(3);
        assertThat(sent()).isEmpty();
        assertThat(v.local().resolve(item)).exists();

        Files.delete(down);
        CliRun r = LocalCli.run("resolve", id, "--keep", "ours", "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isZero();
        worker.afterCycle(v.local()); // the decision is read
        worker.afterCycle(v.local()); // and the item runs again
        assertThat(Files.readAllLines(calls)).hasSize(4);
        assertThat(sent()).hasSize(1);
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Done/DRAFT_flaky.md").doesNotContainKey(item);
    }

    @Test
    void aCardDecidedSkipLeavesTheItemAloneForGood() throws Exception {
        Path failing = root.resolve("failing.sh");
        Files.writeString(failing, "#!/bin/sh\necho no >&2\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        ActionsStore.write(gitDir, Actions.NONE.withExecutor("email", List.of(failing.toString())).withRetries(1, Duration.ofSeconds(1)));
        String item = approve("Pending_Approval/email/DRAFT_skip.md");
        worker.afterCycle(v.local());
        worker.afterCycle(v.local());
        String id = CardFiles.open(v.local()).get(0).card().id();
        assertThat(LocalCli.run("resolve", id, "--keep", "skip", "--vault", v.local().toString()).code()).isZero();
        worker.afterCycle(v.local());
        int events = LocalWorker.ledger(gitDir).read().size();
        clock.advance(Duration.ofDays(30));
        worker.afterCycle(v.local());
        assertThat(LocalWorker.ledger(gitDir).read()).hasSize(events);
        assertThat(LocalWorker.ledger(gitDir).read().get(events - 1).event()).isEqualTo(WorkLedger.Event.SKIPPED);
        assertThat(v.local().resolve(item)).exists();
    }

    /** Killed after the call's end reached the ledger and before its record went: the record goes at the finish. */
    @Test
    void aRunningRecordLeftByAKillAfterTheCallEndedIsRemovedWhenTheItemIsFinished() throws Exception {
        executor(List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString()));
        String item = approve("Pending_Approval/email/DRAFT_killed.md");
        String key = Files.readAllLines(v.local().resolve(item)).stream().filter(l -> l.startsWith("approval_id: "))
                .map(l -> l.substring("approval_id: ".length()).replace("\"", "")).findFirst().orElseThrow();
        WorkLedger ledger = LocalWorker.ledger(gitDir);
        ledger.append(new WorkLedger.Entry(key, item, WorkLedger.Event.STARTED, clock.instant(), "attempt 1"));
        RunningCalls calls = new RunningCalls(WorkLedger.EXECUTIONS);
        calls.started(gitDir, key, new ProcessIdentity("gone", 4_000_000, 4_000_000, 1), clock.instant());
        ledger.append(new WorkLedger.Entry(key, item, WorkLedger.Event.SUCCEEDED, clock.instant(), "exit 0"));

        worker.afterCycle(v.local());
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Done/DRAFT_killed.md");
        assertThat(sent()).as("its call had ended: not called again").isEmpty();
        assertThat(calls.file(gitDir, key)).as("no record of a call left").doesNotExist();
    }
}
