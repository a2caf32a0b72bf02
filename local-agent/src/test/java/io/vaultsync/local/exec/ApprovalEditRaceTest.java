package io.vaultsync.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.conflict.CardReader;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.local.LocalCli;
import io.vaultsync.sync.SyncReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval is of the bytes the person saw: an edit of the draft that meets the approval, in whichever order,
 * is kept aside on a card against it and never comes back as a draft, and an item is executed at most once per
 * draft (issue 14, item 5: the edited draft came back to {@code Pending_Approval/} and was sent twice).
 */
class ApprovalEditRaceTest {
    static final String DRAFT_PATH = "Pending_Approval/email/DRAFT_b.md";
    static final String DRAFT = "---\ntype: email\nto: client@example.com\ntask: \"b.md\"\n---\nIt is due on the 30th.\n";
    static final String EDITED = DRAFT.replace("30th", "31st, sorry");

    @TempDir
    Path root;
    Vaults v;
    Path outbox;
    LocalWorker worker;

    @BeforeEach
    void setUp() {
        v = Vaults.create(root);
        outbox = root.resolve("outbox");
        ActionsStore.write(v.local().resolve(".git"), Actions.NONE.withExecutor("email",
                List.of(LocalWorkerTest.SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString())).withRetries(3, Duration.ofSeconds(10)));
        worker = new LocalWorker(v.localAgent(), Clock.systemUTC(), Vaults.cycle(v.localAgent(), Clock.systemUTC()),
                new PrintWriter(new StringWriter(), true));
        v.draft(DRAFT_PATH, DRAFT);
    }

    @Test
    void anEditThatReachedTheRemoteBeforeTheApprovalIsKeptOnACardAndTheApprovedBytesAreSentOnce() throws Exception {
        Vaults.write(v.cloud(), DRAFT_PATH, EDITED);
        v.syncCloud(); // after the local agent's last fetch

        CliRun approve = LocalCli.run("approve", DRAFT_PATH, "--vault", v.local().toString());
        assertThat(approve.code()).as(approve.err()).isEqualTo(ExitCodes.OK);
        worker.afterCycle(v.local());
        settle();

        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey(DRAFT_PATH).containsKey("Done/DRAFT_b.md");
        assertThat(remote.get("Done/DRAFT_b.md")).contains("It is due on the 30th.").doesNotContain("31st");
        ConflictCard card = onlyCard(remote, ConflictKind.EDIT_AFTER_VERDICT);
        assertThat(card.createdBy()).isEqualTo("local_agent");
        assertThat(card.options()).doesNotContain(io.vaultsync.conflict.Keep.THEIRS);
        assertThat(remote.get(card.theirs().at())).contains("31st, sorry");
        assertThat(v.local().resolve(DRAFT_PATH)).doesNotExist();
        assertThat(v.cloud().resolve(DRAFT_PATH)).doesNotExist();
        assertThat(sent()).hasSize(1);

        CliRun again = LocalCli.run("approve", DRAFT_PATH, "--vault", v.local().toString());
        assertThat(again.code()).isEqualTo(ExitCodes.NO_SUCH_DRAFT);
        worker.afterCycle(v.local());
        assertThat(sent()).hasSize(1);
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void anEditCommittedByTheCloudAfterTheApprovalLandedIsKeptAsideByTheCloudNotResurrected() throws Exception {
        CliRun approve = LocalCli.run("approve", DRAFT_PATH, "--vault", v.local().toString());
        assertThat(approve.code()).as(approve.err()).isEqualTo(ExitCodes.OK);
        Vaults.write(v.cloud(), DRAFT_PATH, EDITED); // the cloud has not fetched the approval yet

        SyncReport cloud = v.syncCloud();
        worker.afterCycle(v.local());
        settle();

        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey(DRAFT_PATH);
        assertThat(cloud.cards()).hasSize(1);
        ConflictCard card = onlyCard(remote, ConflictKind.EDIT_AFTER_VERDICT);
        assertThat(card.createdBy()).isEqualTo("cloud_agent");
        assertThat(card.options()).doesNotContain(io.vaultsync.conflict.Keep.OURS);
        assertThat(remote.get(card.ours().at())).contains("31st, sorry");
        assertThat(v.local().resolve(DRAFT_PATH)).doesNotExist();
        assertThat(sent()).hasSize(1);
        assertThat(remote.get("Done/DRAFT_b.md")).contains("It is due on the 30th.");
    }

    @Test
    void theSameDraftComingBackIsNotApprovedASecondTimeUnlessThePersonSaysAgain() throws Exception {
        assertThat(LocalCli.run("approve", DRAFT_PATH, "--vault", v.local().toString()).code()).isEqualTo(ExitCodes.OK);
        worker.afterCycle(v.local());
        settle();
        assertThat(sent()).hasSize(1);
        v.draft(DRAFT_PATH, EDITED); // the same draft (same task) written again, however it came back

        CliRun second = LocalCli.run("approve", DRAFT_PATH, "--vault", v.local().toString());
        worker.afterCycle(v.local());

        assertThat(second.code()).isEqualTo(ExitCodes.ALREADY_DECIDED);
        assertThat(second.err()).contains("was approved here before", "approve --again");
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey(DRAFT_PATH);
        assertThat(sent()).hasSize(1);

        CliRun again = LocalCli.run("approve", "--again", DRAFT_PATH, "--vault", v.local().toString());
        assertThat(again.code()).as(again.err()).isEqualTo(ExitCodes.OK);
        worker.afterCycle(v.local());
        assertThat(sent()).hasSize(2);
    }

    /** Both agents take in each other's last commits. */
    private void settle() {
        v.syncCloud();
        v.syncLocal();
        v.syncCloud();
    }

    private ConflictCard onlyCard(Map<String, String> remote, ConflictKind kind) {
        List<ConflictCard> cards = remote.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ConflictCard.DIR) && e.getKey().endsWith(".md") && e.getKey().split("/").length == 4)
                .map(e -> CardReader.parse(e.getKey(), e.getValue())).toList();
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).kind()).isEqualTo(kind);
        return cards.get(0);
    }

    private List<Path> sent() throws Exception {
        if (!Files.isDirectory(outbox)) return List.of();
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }
}
