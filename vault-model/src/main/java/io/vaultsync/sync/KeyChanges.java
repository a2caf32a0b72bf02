package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.DeviceId;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.AllowedSigners;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import io.vaultsync.policy.SshPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The local agent's changes to the policy's signing keys: {@code trust} lists a key, {@code revoke} moves one
 * to {@code revoked_keys}. Each is one commit, signed by this agent, that writes the policy and
 * {@code .vaultsync/allowed_signers} together (so C git always verifies against the keys the policy lists).
 * The first keys a vault gets also list the local agent's own key and set {@code signatures_from} to the
 * head they were added on: the history before is judged as before signing.
 */
public final class KeyChanges {
    /** What a change did: the policy before and after, and its commit (null when nothing changed). */
    public record Change(Policy before, Policy after, ObjectId commit) {
        public boolean changed() {
            return commit != null;
        }
    }

    private final VaultRepo vault;
    private final AgentSettings me;
    private final Clock clock;

    public KeyChanges(VaultRepo vault, AgentSettings me, Clock clock) {
        if (me.role() != Role.LOCAL) {
            throw new VaultStateException("only the local agent changes the policy's keys (it owns " + Policy.PATH
                    + "); run this on the desktop with local-agent");
        }
        this.vault = vault;
        this.me = me;
        this.clock = clock;
    }

    /** Lists {@code key} as a signing key of {@code agent} (and this agent's own key, if it is not yet listed). */
    public Change trust(String agent, SshPublicKey key) throws IOException {
        Policy before = VaultPolicy.committed(vault);
        AgentSpec spec = agentIn(before, agent);
        if (spec.revokedKeyList().stream().anyMatch(key::sameKey)) {
            throw new VaultStateException("key " + key.keyOnly() + " of " + agent + " was revoked; a revoked key is"
                    + " never trusted again (make a new one with rotate-key)");
        }
        Policy after = withKey(before, agent, key);
        after = withKey(after, me.name(), vault.signer().publicKey());
        if (!before.hasSigningKeys()) {
            after = after.withSignaturesFrom(Optional.of(vault.head().name()));
        }
        return write(before, after, "vaultsync: " + me.name() + " trusts a signing key of " + agent);
    }

    /** Moves {@code key} of {@code agent} from its signing keys to its revoked keys. */
    public Change revoke(String agent, SshPublicKey key) throws IOException {
        Policy before = VaultPolicy.committed(vault);
        AgentSpec spec = agentIn(before, agent);
        if (spec.revokedKeyList().stream().anyMatch(key::sameKey)) {
            return new Change(before, before, null);
        }
        if (spec.signingKeyList().stream().noneMatch(key::sameKey)) {
            throw new VaultStateException("key " + key.keyOnly() + " is not a signing key of " + agent + " in " + Policy.PATH);
        }
        if (agent.equals(me.name()) && key.sameKey(vault.signer().publicKey())) {
            throw new VaultStateException("key " + key.keyOnly() + " is the one this agent signs with now; run"
                    + " rotate-key first, then revoke the old key");
        }
        List<String> signing = new ArrayList<>();
        for (SshPublicKey k : spec.signingKeyList()) if (!k.sameKey(key)) signing.add(k.line());
        List<String> revoked = new ArrayList<>(spec.revokedKeys());
        revoked.add(key.line());
        Policy after = before.withAgent(spec.withKeys(signing, revoked));
        return write(before, after, "vaultsync: " + me.name() + " revokes a signing key of " + agent);
    }

    /**
     * {@code rotate-key} of the local agent, first half: lists the new key (made now, not yet used) in a commit
     * signed with the key in use. Once that commit is pushed, {@link SigningKey#promoteNext} switches keys.
     */
    public Change listNextKey() throws IOException {
        Policy before = VaultPolicy.committed(vault);
        SshPublicKey next = SigningKey.prepareNext(vault.gitDir()).publicKey();
        Policy after = withKey(withKey(before, me.name(), vault.signer().publicKey()), me.name(), next);
        return write(before, after, "vaultsync: " + me.name() + " lists its new signing key (signed with the old one)");
    }

    /** What {@code trust --confirm} accepted: the policy in force before, the one at the head, and its commit. */
    public record Confirmed(Policy before, Policy atHead, ObjectId head) {}

    /**
     * {@code trust --confirm}: the person accepts the policy at the branch head as in force in this clone,
     * whoever committed it: the recovery of a lost local key (the person lists the new key with C git and
     * confirms it on the desktop, and on the VM with {@code cloud-agent trust --confirm}). Recorded in this
     * clone's policy anchor ({@code .git/vaultsync/policy-anchor.json}), never synced.
     */
    public static Confirmed confirmHead(VaultRepo vault, AgentSettings me) throws IOException {
        Policy before = VaultPolicy.committed(vault);
        ObjectId head = vault.head();
        ObjectId blob;
        try (RevWalk rw = new RevWalk(vault.repository());
                TreeWalk tw = TreeWalk.forPath(vault.repository(), Policy.PATH, rw.parseCommit(head).getTree())) {
            if (tw == null) throw new VaultStateException("no " + Policy.PATH + " at the branch head " + head.name());
            blob = tw.getObjectId(0);
        }
        Policy atHead = PolicyLoader.parse(new String(vault.repository().open(blob).getBytes(), StandardCharsets.UTF_8),
                Policy.PATH + " at " + head.abbreviate(10).name());
        if (atHead.agent(me.name()).map(a -> a.role() != me.role()).orElse(true)) {
            throw new VaultStateException("the policy at the head does not keep " + me.name() + " with its role; nothing confirmed");
        }
        new PolicyAnchor(head, blob, List.of()).write(vault.gitDir());
        return new Confirmed(before, atHead, head);
    }

    /** {@code policy} with {@code key} listed for {@code agent} (unchanged if it is). */
    static Policy withKey(Policy policy, String agent, SshPublicKey key) {
        AgentSpec spec = agentIn(policy, agent);
        if (spec.signingKeyList().stream().anyMatch(key::sameKey)) return policy;
        List<String> signing = new ArrayList<>(spec.signingKeys());
        signing.add(key.line());
        return policy.withAgent(spec.withKeys(signing, spec.revokedKeys()));
    }

    /** {@code policy} listing the key of the clone {@code gitDir} for {@code agent}: what the local agent seeds. */
    static Policy withOwnKey(Policy policy, String agent, Path gitDir) {
        return withKey(policy, agent, SigningKey.load(gitDir).orElseThrow().publicKey());
    }

    private static AgentSpec agentIn(Policy policy, String agent) {
        return policy.agent(agent).orElseThrow(() -> new VaultStateException("no agent '" + agent + "' in " + Policy.PATH
                + " (agents: " + String.join(", ", policy.agents().stream().map(AgentSpec::name).toList()) + ")"));
    }

    private Change write(Policy before, Policy after, String subject) throws IOException {
        if (after.equals(before)) return new Change(before, after, null);
        List<StagedFile> files = new ArrayList<>();
        files.add(put(Policy.PATH, PolicyLoader.render(after)));
        files.add(put(AllowedSigners.PATH, AllowedSigners.render(after)));
        Trailers t = new Trailers(me.name(), me.machine(), "op-" + UUID.randomUUID(), null, DeviceId.of(vault.gitDir()));
        PersonIdent who = new PersonIdent(me.name(), AllowedSigners.principal(me.name()), clock.instant(), clock.getZone());
        ObjectId commit = CommitWriter.commit(vault, files, t.message(subject), who);
        return new Change(before, after, commit);
    }

    private StagedFile put(String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path f = vault.workTree().resolve(path);
        AtomicFiles.write(f, bytes);
        return new StagedFile(path, bytes, bytes.length, Files.getLastModifiedTime(f));
    }

    /** The allowed-signers file for a policy, for a seed commit that lists keys from the start. */
    public static byte[] allowedSigners(Policy policy) {
        return AllowedSigners.render(policy).getBytes(StandardCharsets.UTF_8);
    }
}
