package io.vaultsync.local.approve;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.local.LocalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approve and reject through the CLI, against a real bare remote and real clones. */
class VerdictCliTest {
    static final String DRAFT = "---\ntype: email\nto: client@example.com\n---\nHello.\n";

    @TempDir
    Path root;
    Vaults v;

    @BeforeEach
    void setUp() {
        v = Vaults.create(root);
    }

    Map<String, String> remote() {
        return RemoteTree.files(v.remote(), "main");
    }

    @Test
    void approveMovesTheDraftToApprovedOnTheRemoteWithAStampAndRecordsTheApprovalHere() throws Exception {
        v.draft("Pending_Approval/email/DRAFT_reply.md", DRAFT);
        CliRun r = LocalCli.run("approve", "Pending_Approval/email/DRAFT_reply.md", "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("approved Pending_Approval/email/DRAFT_reply.md -> Approved/DRAFT_reply.md (pushed)");
        Map<String, String> remote = remote();
        assertThat(remote).doesNotContainKey("Pending_Approval/email/DRAFT_reply.md");
        String approved = remote.get("Approved/DRAFT_reply.md");
        assertThat(approved).startsWith("---\ntype: email\nto: client@example.com\n").endsWith("---\nHello.\n")
                .contains("domain: \"email\"", "approved_by: \"local_agent\"", "approved_on: \"desktop\"", "approval_id: ");
        String id = VerdictStamp.read(approved.getBytes()).get(VerdictStamp.APPROVAL_ID);
        assertThat(Approvals.ids(v.local().resolve(".git"))).containsExactly(id);
        assertThat(RemoteTree.messages(v.remote(), "main").get(0)).contains("local_agent approves Pending_Approval/email/DRAFT_reply.md");
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void rejectMovesTheDraftToRejectedWithTheReason() {
        v.draft("Pending_Approval/social/DRAFT_post.md", "A post.\n");
        CliRun r = LocalCli.run("reject", "Pending_Approval/social/DRAFT_post.md", "--reason", "tone: too casual",
                "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        Map<String, String> remote = remote();
        assertThat(remote).doesNotContainKey("Pending_Approval/social/DRAFT_post.md");
        assertThat(remote.get("Rejected/DRAFT_post.md")).contains("rejection_reason: \"tone: too casual\"", "rejected_by: \"local_agent\"")
                .endsWith("A post.\n").doesNotContain("approval_id");
    }

    @Test
    void anAbsolutePathAndANameWithSpacesAndUnicodeWork() {
        String name = "Pending_Approval/email/DRAFT réponse à Zoë.md";
        v.draft(name, DRAFT);
        CliRun r = LocalCli.run("approve", v.local().resolve(name).toAbsolutePath().toString(), "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(remote()).containsKey("Approved/DRAFT réponse à Zoë.md").doesNotContainKey(name);
    }

    @Test
    void aDraftOnlyOnTheRemoteIsFetchedFirst() {
        Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_late.md", DRAFT);
        v.syncCloud();
        CliRun r = LocalCli.run("approve", "Pending_Approval/email/DRAFT_late.md", "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(remote()).containsKey("Approved/DRAFT_late.md");
    }

    @Test
    void aMissingDraftIsAClearErrorAndNothingMoves() {
        String before = RemoteTree.head(v.remote(), "main");
        CliRun r = LocalCli.run("approve", "Pending_Approval/email/DRAFT_nope.md", "--vault", v.local().toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NO_SUCH_DRAFT);
        assertThat(r.err()).contains("no draft Pending_Approval/email/DRAFT_nope.md here or on the remote; nothing moved");
        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(before);
    }

    @Test
    void pathsThatAreNotDraftsAreRefusedWithTheReason() throws Exception {
        v.draft("Needs_Action/task.md", "t\n");
        String outside = root.resolve("elsewhere.md").toString();
        Files.writeString(Path.of(outside), "x");
        String[][] cases = {
            {"Needs_Action/task.md", "drafts wait in Pending_Approval/<domain>/"},
            {"Pending_Approval/conflicts/local_agent/C-1.md", "that is a decision card; close it with resolve"},
            {"Pending_Approval/email/../../Done/x.md", "no empty, '.' or '..' parts"},
            {"Pending_Approval/DRAFT.md", "a draft sits in a domain folder"},
            {outside, "outside the vault"},
        };
        String before = RemoteTree.head(v.remote(), "main");
        for (String[] c : cases) {
            CliRun r = LocalCli.run("approve", c[0], "--vault", v.local().toString());
            assertThat(r.code()).as(c[0]).isEqualTo(ExitCodes.NOT_A_DRAFT);
            assertThat(r.err()).as(c[0]).contains("is not a draft: ", c[1]).contains("nothing moved");
        }
        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(before);
        assertThat(v.local().resolve("Needs_Action/task.md")).exists();
    }

    @Test
    void aSecretInTheReasonIsHeldByTheGateWithItsOwnExitCodeAndNothingMoves() {
        v.draft("Pending_Approval/email/DRAFT_a.md", DRAFT);
        String token = "gh" + "p_" + "Zx8Kq2Lm4Np6Rs8Tu0Vw2Xy4Za6Bc8De0FgH";
        CliRun r = LocalCli.run("reject", "Pending_Approval/email/DRAFT_a.md", "--reason", "use " + token + " instead",
                "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.HELD_BY_GATE);
        assertThat(r.err()).contains("held by the secret gate [content:github-token]").doesNotContain(token);
        assertThat(v.local().resolve("Pending_Approval/email/DRAFT_a.md")).exists();
        assertThat(v.local().resolve("Rejected/DRAFT_a.md")).doesNotExist();
    }

    @Test
    void aRejectionNeedsAReason() {
        v.draft("Pending_Approval/email/DRAFT_a.md", DRAFT);
        CliRun r = LocalCli.run("reject", "Pending_Approval/email/DRAFT_a.md", "--reason", " ", "--vault", v.local().toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_A_DRAFT);
        assertThat(r.err()).contains("a rejection needs a reason");
        assertThat(v.local().resolve("Pending_Approval/email/DRAFT_a.md")).exists();
    }

    @Test
    void aVerdictNeverReplacesAFileAlreadyDecided() {
        v.draft("Pending_Approval/email/DRAFT_a.md", DRAFT);
        Vaults.write(v.local(), "Approved/DRAFT_a.md", "an earlier approval\n");
        v.syncLocal();
        CliRun r = LocalCli.run("approve", "Pending_Approval/email/DRAFT_a.md", "--vault", v.local().toString());
        assertThat(r.code()).isEqualTo(ExitCodes.ALREADY_DECIDED);
        assertThat(r.err()).contains("Approved/DRAFT_a.md already exists");
        assertThat(Vaults.read(v.local(), "Approved/DRAFT_a.md")).isEqualTo("an earlier approval\n");
        assertThat(v.local().resolve("Pending_Approval/email/DRAFT_a.md")).exists();
    }

    @Test
    void offlineTheApprovalIsKeptHereAndPushedByTheNextSync() throws Exception {
        v.draft("Pending_Approval/email/DRAFT_off.md", DRAFT);
        Path moved = root.resolve("remote-away.git");
        Files.move(v.remote(), moved);
        CliRun r = LocalCli.run("approve", "Pending_Approval/email/DRAFT_off.md", "--vault", v.local().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROVISIONAL);
        assertThat(r.out()).contains("in this clone only: the remote is unreachable");
        assertThat(v.local().resolve("Approved/DRAFT_off.md")).exists();
        Files.move(moved, v.remote());
        v.syncLocal();
        assertThat(remote()).containsKey("Approved/DRAFT_off.md").doesNotContainKey("Pending_Approval/email/DRAFT_off.md");
    }
}
