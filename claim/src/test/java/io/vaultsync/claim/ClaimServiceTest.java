package io.vaultsync.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.MutableClock;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.integrate.LostClaim;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.TaskMove;
import io.vaultsync.status.StatusService;
import io.vaultsync.sync.ClaimLog;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.VaultPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final String TASK = "task-000.md";

    @TempDir
    Path root;

    ClaimVaults v;
    MutableClock clock;
    Path a1;
    Path a2;

    @BeforeEach
    void setUp() {
        v = ClaimVaults.create(root, List.of("a1", "a2"), ClaimVaults.tasks(3));
        clock = new MutableClock(T0);
        a1 = v.clones().get("a1");
        a2 = v.clones().get("a2");
    }

    @Test
    void claimMovesPushesAndWritesTheLease() throws Exception {
        ClaimResult r = v.service("a1", clock).claim(a1, TASK);

        assertThat(r).isInstanceOf(ClaimResult.Done.class);
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey("Needs_Action/" + TASK).containsKey("In_Progress/a1/" + TASK);
        Lease lease = LeaseFrontMatter.read(remote.get("In_Progress/a1/" + TASK).getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(lease.agent()).isEqualTo("a1");
        assertThat(lease.machine()).isEqualTo("machine-a1");
        assertThat(lease.claimedAt()).isEqualTo(T0);
        assertThat(lease.expires()).isEqualTo(T0.plus(Lease.DEFAULT_LENGTH));
        assertThat(remote.get("In_Progress/a1/" + TASK)).contains("type: email").contains("Reply to the sender.");
        assertThat(RemoteTree.messages(v.remote(), "main").get(0)).startsWith("vaultsync: a1 claims " + TASK)
                .contains("Vaultsync-Task: " + TASK);
        assertThat(ClaimLog.read(a1.resolve(".git")).stream().map(ClaimLog.Entry::op)).containsExactly("claim", "confirmed");
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void aStaleCloneAsksTheRemoteBeforeSayingClaimedBy() throws Exception {
        v.service("a1", clock).claim(a1, TASK);
        // a2 has not synced: its Needs_Action/ still has the task, the CAS push decides
        ClaimResult r = v.service("a2", clock).claim(a2, TASK);

        assertThat(r).isInstanceOfSatisfying(ClaimResult.HeldBy.class, h -> {
            assertThat(h.agent()).isEqualTo("a1");
            assertThat(h.fresh()).isTrue();
            assertThat(h.lease().orElseThrow().expires()).isEqualTo(T0.plus(Lease.DEFAULT_LENGTH));
        });
        assertThat(a2.resolve("Needs_Action/" + TASK)).doesNotExist();
        assertThat(a2.resolve("In_Progress/a2/" + TASK)).doesNotExist();
        assertThat(a2.resolve("In_Progress/a1/" + TASK)).exists();
        try (VaultRepo repo = VaultRepo.open(a2, "main")) {
            assertThat(repo.head()).as("loser's clone equals the remote").isEqualTo(repo.tracking());
        }
    }

    @Test
    void provisionalClaimOfflineThatLosesOnReconnectIsUndoneAndRecorded() throws Exception {
        Path hidden = v.remote().resolveSibling("remote-away.git");
        Files.move(v.remote(), hidden);
        ClaimResult offline = v.service("a1", clock).claim(a1, TASK);
        assertThat(offline).isInstanceOf(ClaimResult.Provisional.class);
        try (VaultRepo repo = VaultRepo.open(a1, "main")) {
            assertThat(StatusService.provisional(repo, "a1", repo.head(), repo.tracking())).containsExactly("In_Progress/a1/" + TASK);
            assertThat(ClaimListing.list(repo, VaultPolicy.committed(repo), clock.instant()))
                    .singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(ClaimListing.State.PROVISIONAL));
        }
        // the agent works on the task while offline: that work must not be lost when the claim is
        ClaimVaults.write(a1, "In_Progress/a1/" + TASK, Files.readString(a1.resolve("In_Progress/a1/" + TASK)) + "\nDraft notes.\n");
        Files.move(hidden, v.remote());
        assertThat(v.service("a2", clock).claim(a2, TASK)).isInstanceOf(ClaimResult.Done.class);

        SyncReport r = ClaimVaults.sync(v.settings().get("a1"), a1);

        assertThat(r.lostClaims()).containsExactly(new LostClaim(TaskMove.Kind.CLAIM, TASK, "In_Progress/a1/" + TASK, "a2"));
        assertThat(a1.resolve("In_Progress/a1/" + TASK)).doesNotExist();
        assertThat(a1.resolve("In_Progress/a2/" + TASK)).exists();
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote.keySet()).noneMatch(p -> p.startsWith("In_Progress/a1/"));
        assertThat(remote.entrySet()).as("the offline notes are kept in a card's copy")
                .anyMatch(e -> e.getKey().startsWith("Pending_Approval/conflicts/a1/") && e.getValue().contains("Draft notes."));
        assertThat(remote.entrySet()).anyMatch(e -> e.getKey().startsWith("Pending_Approval/conflicts/a1/")
                && e.getValue().contains("kind: double-claim"));
        assertThat(ClaimLog.read(a1.resolve(".git"))).anyMatch(e -> e.op().equals("undone") && e.detail().contains("claimed by a2"));
        try (VaultRepo repo = VaultRepo.open(a1, "main")) {
            assertThat(StatusService.provisional(repo, "a1", repo.head(), repo.tracking())).isEmpty();
        }
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void provisionalClaimThatNobodyContestsIsConfirmedByTheNextSync() throws Exception {
        Path hidden = v.remote().resolveSibling("remote-away.git");
        Files.move(v.remote(), hidden);
        assertThat(v.service("a1", clock).claim(a1, TASK)).isInstanceOf(ClaimResult.Provisional.class);
        Files.move(hidden, v.remote());

        SyncReport r = ClaimVaults.sync(v.settings().get("a1"), a1);

        assertThat(r.lostClaims()).isEmpty();
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("In_Progress/a1/" + TASK);
        try (VaultRepo repo = VaultRepo.open(a1, "main")) {
            assertThat(ClaimListing.list(repo, VaultPolicy.committed(repo), clock.instant()))
                    .singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(ClaimListing.State.CONFIRMED));
        }
    }

    @Test
    void anExpiredLeaseMayBeTakenOverAndTheTakeoverIsRecorded() throws Exception {
        v.service("a1", clock).claim(a1, TASK);
        clock.advance(Duration.ofMinutes(29));
        assertThat(v.service("a2", clock).claim(a2, TASK)).isInstanceOf(ClaimResult.HeldBy.class);

        clock.advance(Duration.ofMinutes(2));
        ClaimResult r = v.service("a2", clock).claim(a2, TASK);

        assertThat(r).isInstanceOf(ClaimResult.Done.class);
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey("In_Progress/a1/" + TASK);
        Lease lease = LeaseFrontMatter.read(remote.get("In_Progress/a2/" + TASK).getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(lease.agent()).isEqualTo("a2");
        assertThat(lease.previous()).contains("a1").contains("lease expired " + T0.plus(Lease.DEFAULT_LENGTH));
        assertThat(RemoteTree.messages(v.remote(), "main").get(0)).startsWith("vaultsync: a2 takes over from a1 " + TASK);
        assertThat(ClaimLog.read(a2.resolve(".git"))).anyMatch(e -> e.op().equals("takeover"));

        ClaimVaults.sync(v.settings().get("a1"), a1);
        assertThat(a1.resolve("In_Progress/a1/" + TASK)).doesNotExist();
        assertThat(a1.resolve("In_Progress/a2/" + TASK)).exists();
    }

    @Test
    void aRunningAgentRenewsItsLeasesAndReturnsExpiredOnes() throws Exception {
        LeaseKeeper keeper = new LeaseKeeper(Lease.DEFAULT_LENGTH);
        v.service("a1", clock).claim(a1, "task-000.md");
        v.service("a1", clock).claim(a1, "task-001.md");
        ClaimVaults.sync(v.settings().get("a2"), a2);

        clock.advance(Duration.ofMinutes(10)); // more than half left: nothing to renew
        String before = RemoteTree.head(v.remote(), "main");
        ClaimVaults.sync(v.settings().get("a1"), a1, clock, keeper);
        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(before);

        clock.advance(Duration.ofMinutes(10)); // 10 of 30 minutes left: renew task-000 only, by hand
        Path t1 = a1.resolve("In_Progress/a1/task-001.md");
        byte[] keep = Files.readAllBytes(t1);
        ClaimVaults.sync(v.settings().get("a1"), a1, clock, keeper);
        Files.write(t1, keep); // a1 stops renewing task-001 (say the agent was stopped before its renewal landed)
        ClaimVaults.sync(v.settings().get("a1"), a1); // pushes the reverted file, the lease as first written
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(lease(remote, "In_Progress/a1/task-000.md").expires()).isEqualTo(T0.plus(Duration.ofMinutes(50)));
        assertThat(lease(remote, "In_Progress/a1/task-001.md").expires()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofMinutes(11)); // 09:31: task-001's lease is over, task-000's runs to 09:50
        ClaimVaults.sync(v.settings().get("a2"), a2); // a running a2 syncs every cycle: it has seen the renewal
        SyncReport r = ClaimVaults.sync(v.settings().get("a2"), a2, clock, keeper);

        assertThat(r.lostClaims()).isEmpty();
        remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsKey("In_Progress/a1/task-000.md").doesNotContainKey("In_Progress/a1/task-001.md");
        String returned = remote.get("Needs_Action/task-001.md");
        assertThat(returned).contains("previous_claim: \"a1 (lease expired " + T0.plus(Duration.ofMinutes(30)))
                .doesNotContain("claimed_by").contains("Reply to the sender.");
        assertThat(RemoteTree.messages(v.remote(), "main").get(0)).startsWith("vaultsync: a2 returns task-001.md");
        assertThat(ClaimLog.read(a2.resolve(".git"))).anyMatch(e -> e.op().equals("return") && e.task().equals("task-001.md"));
    }

    @Test
    void aReturnRacingTheHoldersRenewalLosesOnTheRemote() throws Exception {
        LeaseKeeper keeper = new LeaseKeeper(Lease.DEFAULT_LENGTH);
        v.service("a1", clock).claim(a1, TASK);
        ClaimVaults.sync(v.settings().get("a2"), a2); // a2 sees the lease ending 09:30
        clock.advance(Duration.ofMinutes(31));
        ClaimVaults.sync(v.settings().get("a1"), a1, clock, keeper); // a1 was late, but renews first

        SyncReport r = ClaimVaults.sync(v.settings().get("a2"), a2, clock, keeper); // a2 still sees 09:30

        assertThat(r.lostClaims()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(TaskMove.Kind.RETURN);
            assertThat(l.holder()).isEqualTo("a1");
        });
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsKey("In_Progress/a1/" + TASK).doesNotContainKey("Needs_Action/" + TASK);
        assertThat(a2.resolve("Needs_Action/" + TASK)).doesNotExist();
    }

    @Test
    void releaseReturnsTheTaskWithoutItsLease() throws Exception {
        v.service("a1", clock).claim(a1, TASK);

        ClaimResult r = v.service("a1", clock).release(a1, "In_Progress/a1/" + TASK);

        assertThat(r).isInstanceOf(ClaimResult.Done.class);
        String back = RemoteTree.files(v.remote(), "main").get("Needs_Action/" + TASK);
        assertThat(back).isEqualTo("---\ntype: email\n---\n# " + TASK + "\n\nReply to the sender.\n");
    }

    @Test
    void handoffPassesTheTaskWithANoteTheReceiverSees() throws Exception {
        v.service("a1", clock).claim(a1, TASK);

        ClaimResult r = v.service("a1", clock).handoff(a1, TASK, "a2", "needs the desktop's mail account: \"urgent\"");

        assertThat(r).isInstanceOf(ClaimResult.Done.class);
        ClaimVaults.sync(v.settings().get("a2"), a2);
        try (VaultRepo repo = VaultRepo.open(a2, "main")) {
            assertThat(ClaimListing.list(repo, VaultPolicy.committed(repo), clock.instant())).singleElement().satisfies(e -> {
                assertThat(e.agent()).isEqualTo("a2");
                assertThat(e.state()).isEqualTo(ClaimListing.State.CONFIRMED);
                assertThat(e.lease().orElseThrow().handoffFrom()).isEqualTo("a1");
                assertThat(e.lease().orElseThrow().note()).isEqualTo("needs the desktop's mail account: \"urgent\"");
            });
        }
        assertThat(a1.resolve("In_Progress/a1/" + TASK)).doesNotExist();
    }

    @Test
    void badInputIsRefusedAndMovesNothing() throws Exception {
        ClaimService s1 = v.service("a1", clock);
        s1.claim(a1, "task-001.md");
        v.service("a2", clock).claim(a2, "task-002.md");
        ClaimVaults.sync(v.settings().get("a1"), a1);
        String head = RemoteTree.head(v.remote(), "main");
        Map<String, String> tree = RemoteTree.files(v.remote(), "main");

        assertThat(s1.claim(a1, "no-such-task.md")).isInstanceOfSatisfying(ClaimResult.Missing.class,
                m -> assertThat(m.fresh()).isTrue());
        for (String bad : List.of("../task-000.md", "Needs_Action/../task-000.md", "/etc/passwd",
                a1.resolve("Needs_Action/task-000.md").toString(), "Done/task-000.md", "", "Needs_Action/")) {
            assertThatThrownBy(() -> s1.claim(a1, bad)).as(bad).isInstanceOf(BadTaskException.class);
        }
        assertThat(s1.claim(a1, "task-001.md")).isInstanceOf(ClaimResult.AlreadyYours.class);
        assertThat(s1.claim(a1, "task-002.md")).isInstanceOfSatisfying(ClaimResult.HeldBy.class,
                h -> assertThat(h.agent()).isEqualTo("a2"));
        assertThat(s1.release(a1, "task-002.md")).isInstanceOf(ClaimResult.HeldBy.class);
        assertThat(s1.release(a1, "task-000.md")).isInstanceOf(ClaimResult.NotClaimed.class);
        assertThat(s1.release(a1, "gone.md")).isInstanceOf(ClaimResult.Missing.class);
        assertThatThrownBy(() -> s1.handoff(a1, "task-001.md", "ghost", null)).isInstanceOf(BadTaskException.class)
                .hasMessageContaining("no agent 'ghost'");
        assertThatThrownBy(() -> s1.handoff(a1, "task-001.md", "a1", null)).isInstanceOf(BadTaskException.class);
        Files.createSymbolicLink(a1.resolve("Needs_Action/link.md"), a1.resolve("Needs_Action/task-000.md"));
        assertThatThrownBy(() -> s1.claim(a1, "link.md")).isInstanceOf(BadTaskException.class).hasMessageContaining("symbolic link");

        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(head);
        assertThat(RemoteTree.files(v.remote(), "main")).isEqualTo(tree);
        assertThat(a1.resolve("Needs_Action/task-000.md")).exists();
        assertThat(a1.resolve("In_Progress/a1/task-001.md")).exists();
    }

    @Test
    void namesWithSpacesAndUnicodeAreClaimedLikeAnyOther() throws Exception {
        String name = "Réponse à Zoë — 2 devis.md";
        ClaimVaults.write(a1, "Needs_Action/" + name, "# devis\n");
        ClaimVaults.sync(v.settings().get("a1"), a1);

        assertThat(v.service("a1", clock).claim(a1, "Needs_Action/" + name)).isInstanceOf(ClaimResult.Done.class);
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("In_Progress/a1/" + name);
    }

    private static Lease lease(Map<String, String> tree, String path) {
        return LeaseFrontMatter.read(tree.get(path).getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

}
