package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy in force is the newest version its owner (the local agent) wrote: a version pushed by anyone
 * else never loosens the gate or widens a zone, even before the local agent restores it; the built-in
 * denylist is a floor even for the owner.
 */
class PolicyInForceTest {
    @TempDir
    Path root;

    static String policy(Path vault) {
        return TestVaults.read(vault, Policy.PATH);
    }

    @Test
    void aPolicyPushedByAPlainGitUserNeitherOpensTheGateNorWidensTheCloudsZones() throws Exception {
        TestVaults v = TestVaults.create(root);
        String loosened = policy(v.local())
                .replaceFirst("zones: \\[Needs_Action/, ", "zones: [Needs_Action/, Approved/, ")
                .replace("deny: []", "deny:\n    - \"!.env*\"\n    - \"!*.key\"");
        assertThat(loosened).contains("[Needs_Action/, Approved/, ").contains("!.env*");
        v.pushAsHuman(Policy.PATH, loosened);
        TestVaults.write(v.cloud(), "Plans/.env", "API_KEY=only-on-the-vm\n");
        TestVaults.write(v.cloud(), "Approved/pay.md", "pay 1000 to the attacker\n");

        SyncReport r = v.syncCloud();

        assertThat(policy(v.cloud())).isEqualTo(loosened); // on disk and on the branch, but not in force
        assertThat(RemoteTree.files(v.remote(), "main")).doesNotContainKeys("Plans/.env", "Approved/pay.md");
        assertThat(r.blocked()).extracting(BlockedPath::path).contains("Plans/.env");
        assertThat(r.outsideZone()).contains("Approved/pay.md");
        try (VaultRepo repo = VaultRepo.open(v.cloud(), "main")) {
            VaultPolicy.InForce f = VaultPolicy.inForce(repo);
            assertThat(f.policy().gate().deny()).isEmpty();
            assertThat(f.ignored()).singleElement().asString().contains("a plain git user");
        }
    }

    @Test
    void theOwnersChangeIsInForceForEveryoneButCannotLowerTheBuiltInFloor() throws Exception {
        TestVaults v = TestVaults.create(root);
        String owners = policy(v.local()).replace("deny: []", "deny:\n    - \"*.draft-secret\"\n    - \"!.env*\"");
        TestVaults.write(v.local(), Policy.PATH, owners);
        v.syncLocal();
        v.syncCloud();
        TestVaults.write(v.cloud(), "Plans/a.draft-secret", "x\n");
        TestVaults.write(v.cloud(), "Plans/.env.local", "TOKEN=x\n");

        SyncReport r = v.syncCloud();

        assertThat(r.blocked()).extracting(BlockedPath::rule).contains("deny:*.draft-secret", "deny:.env*");
        assertThat(RemoteTree.files(v.remote(), "main")).doesNotContainKeys("Plans/a.draft-secret", "Plans/.env.local");
    }

    @Test
    void theAnswerIsTheSameWithoutItsAnchorAfterMoreCommitsAndWithAForeignAnchor() throws Exception {
        TestVaults v = TestVaults.create(root);
        v.pushAsHuman(Policy.PATH, policy(v.local()).replace("deny: []", "deny:\n    - \"!.env*\""));
        String owners = policy(v.local()).replace("deny: []", "deny:\n    - \"*.mine\"");
        v.syncLocal(); // restores the forged version and cards it
        TestVaults.write(v.local(), Policy.PATH, owners);
        v.syncLocal();
        v.syncCloud();
        try (VaultRepo repo = VaultRepo.open(v.cloud(), "main")) {
            Policy first = VaultPolicy.committed(repo);
            assertThat(first).isEqualTo(PolicyLoader.parse(owners, Policy.PATH));
            assertThat(VaultPolicy.committed(repo)).isEqualTo(first); // from the anchor
            Files.writeString(PolicyAnchor.file(repo.gitDir()), "{\"head\":\"0000\",\"blob\":42}");
            assertThat(VaultPolicy.committed(repo)).isEqualTo(first);
            Files.delete(PolicyAnchor.file(repo.gitDir()));
            assertThat(VaultPolicy.committed(repo)).isEqualTo(first);
        }
        CGit.assertFsckStrict(v.remote());
    }
}
