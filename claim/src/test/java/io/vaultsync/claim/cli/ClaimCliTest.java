package io.vaultsync.claim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.AgentCliRuns;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.policy.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim commands through the agents' shared CLI: each outcome and each bad input has its own exit code. */
class ClaimCliTest {
    @TempDir
    Path root;

    Path remote;
    Path cloud;
    Path local;

    @BeforeEach
    void setUp() throws Exception {
        remote = CGit.initBare(root.resolve("remote.git"));
        cloud = root.resolve("cloud");
        local = root.resolve("local");
        assertThat(run(Role.CLOUD, "init", "--vault", cloud.toString(), "--remote", remote.toString()).code()).isZero();
        for (String t : new String[] {"a.md", "b.md", "c.md"}) Files.writeString(cloud.resolve("Needs_Action").resolve(t), "# " + t + "\n");
        assertThat(run(Role.CLOUD, "sync", "--vault", cloud.toString()).code()).isZero();
        assertThat(run(Role.LOCAL, "init", "--vault", local.toString(), "--remote", remote.toString()).code()).isZero();
    }

    @Test
    void eachOutcomeHasItsExitCode() throws Exception {
        CliRun claimed = run(Role.CLOUD, "claim", "a.md", "--vault", cloud.toString());
        assertThat(claimed.code()).isEqualTo(ExitCodes.OK);
        assertThat(claimed.out()).contains("a.md: claimed (In_Progress/cloud_agent/a.md), lease until ");

        assertThat(run(Role.CLOUD, "claim", "a.md", "--vault", cloud.toString()).code()).isEqualTo(ExitCodes.ALREADY_YOURS);
        CliRun other = run(Role.LOCAL, "claim", "Needs_Action/a.md", "--vault", local.toString());
        assertThat(other.code()).isEqualTo(ExitCodes.CLAIMED_BY_OTHER);
        assertThat(other.out()).contains("a.md: claimed by cloud_agent");
        assertThat(run(Role.LOCAL, "claim", "nope.md", "--vault", local.toString()).code()).isEqualTo(ExitCodes.NO_SUCH_TASK);
        assertThat(run(Role.LOCAL, "release", "b.md", "--vault", local.toString()).code()).isEqualTo(ExitCodes.NOT_YOURS);
        assertThat(run(Role.LOCAL, "release", "a.md", "--vault", local.toString()).code()).isEqualTo(ExitCodes.CLAIMED_BY_OTHER);
        CliRun handoff = run(Role.CLOUD, "handoff", "a.md", "--to", "local_agent", "--note", "needs the desktop", "--vault", cloud.toString());
        assertThat(handoff.code()).as(handoff.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run(Role.LOCAL, "sync", "--vault", local.toString()).code()).isZero();
        JsonNode claims = new ObjectMapper().readTree(run(Role.LOCAL, "claims", "--json", "--vault", local.toString()).out());
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).get("agent").asText()).isEqualTo("local_agent");
        assertThat(claims.get(0).get("state").asText()).isEqualTo("confirmed");
        assertThat(claims.get(0).get("handoffFrom").asText()).isEqualTo("cloud_agent");
        assertThat(claims.get(0).get("handoffNote").asText()).isEqualTo("needs the desktop");
        assertThat(run(Role.LOCAL, "claims", "--vault", local.toString()).out()).contains("from cloud_agent: needs the desktop");
        assertThat(run(Role.LOCAL, "release", "a.md", "--vault", local.toString()).code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void badTaskNamesAreUsageErrorsAndMoveNothing() throws Exception {
        String head = RemoteTree.head(remote, "main");
        Map<String, String> tree = RemoteTree.files(remote, "main");
        for (String bad : new String[] {"../a.md", "/etc/passwd", cloud.resolve("Needs_Action/a.md").toString(), "Approved/a.md"}) {
            CliRun r = run(Role.CLOUD, "claim", bad, "--vault", cloud.toString());
            assertThat(r.code()).as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(bad).startsWith("cloud-agent: ").doesNotContain("\tat ");
        }
        CliRun unknown = run(Role.CLOUD, "handoff", "a.md", "--to", "ghost", "--vault", cloud.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no agent 'ghost'");
        assertThat(run(Role.CLOUD, "claim", "--vault", cloud.toString()).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(RemoteTree.head(remote, "main")).isEqualTo(head);
        assertThat(RemoteTree.files(remote, "main")).isEqualTo(tree);
        assertThat(cloud.resolve("Needs_Action/a.md")).exists();
    }

    @Test
    void aClaimWithTheRemoteAwayIsProvisionalAndShownSo() throws Exception {
        Path away = root.resolve("away.git");
        Files.move(remote, away);

        CliRun r = run(Role.CLOUD, "claim", "c.md", "--vault", cloud.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.PROVISIONAL);
        assertThat(r.out()).contains("claimed provisionally");
        JsonNode claims = new ObjectMapper().readTree(run(Role.CLOUD, "claims", "--json", "--vault", cloud.toString()).out());
        assertThat(claims.get(0).get("state").asText()).isEqualTo("provisional");
        JsonNode status = new ObjectMapper().readTree(run(Role.CLOUD, "status", "--json", "--vault", cloud.toString()).out());
        assertThat(status.get("provisionalClaims").get(0).asText()).isEqualTo("In_Progress/cloud_agent/c.md");
        assertThat(run(Role.CLOUD, "status", "--vault", cloud.toString()).out()).contains("provisional   1 claim(s)");

        Files.move(away, remote);
        assertThat(run(Role.CLOUD, "sync", "--vault", cloud.toString()).code()).isZero();
        assertThat(RemoteTree.files(remote, "main")).containsKey("In_Progress/cloud_agent/c.md");
        assertThat(run(Role.CLOUD, "claims", "--history", "--vault", cloud.toString()).out()).contains("claim").contains("c.md");
    }

    private static CliRun run(Role role, String... args) {
        return AgentCliRuns.run(role, ClaimExtension.INSTANCE, args);
    }
}
