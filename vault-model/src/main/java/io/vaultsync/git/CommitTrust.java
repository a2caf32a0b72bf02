package io.vaultsync.git;

import io.vaultsync.policy.Policy;
import io.vaultsync.trust.Judge;
import io.vaultsync.trust.KeyRing;
import io.vaultsync.trust.SignatureFacts;
import io.vaultsync.trust.Verdict;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which agent's zones a commit is held to under the policy in force: the agent whose listed key signed it;
 * else, for an agent that lists no key (and before {@code signatures_from}), the agent its trailer or author
 * names, as before signing; else nobody. A commit that claims the judging agent's own name and that its
 * journal never recorded ({@link Own}) is a forgery of its identity, held to nobody's zones, keys or not.
 * One instance per policy and cycle: signatures and ancestry are cached by commit id.
 */
public final class CommitTrust {
    /** What the judging agent knows of its own commits (its journal), and where it notes a forgery. */
    public interface Own {
        /** Whether this agent made {@code c} (its journal holds it). */
        boolean made(RevCommit c);

        /** Notes that {@code c} forges this agent's name (recorded once, so a catch-up never takes it as its own). */
        void forged(RevCommit c, String why);

        /** No journal: every commit naming the agent is taken as its own (the judgement before issue 17). */
        Own NAMES = new Own() {
            @Override
            public boolean made(RevCommit c) {
                return true;
            }

            @Override
            public void forged(RevCommit c, String why) {}
        };
    }

    private final Repository repo;
    private final Policy policy;
    private final String self;
    private final Own own;
    private final KeyRing keys;
    private final CommitSignatures signatures;
    private final Map<ObjectId, Boolean> mustSign = new HashMap<>();
    private final String ownKey;

    public CommitTrust(Repository repo, Policy policy, String self, Own own) {
        this(repo, policy, self, own, null);
    }

    /**
     * @param ownKey the public key line this clone signs with, or null: a commit naming {@code self} and signed
     *               with it is this agent's own even when its journal lost track of it (a crash after a push)
     *               and before the policy lists the key
     */
    public CommitTrust(Repository repo, Policy policy, String self, Own own, String ownKey) {
        this.ownKey = ownKey == null ? null : KeyRing.fingerprint(ownKey);
        this.repo = repo;
        this.policy = policy;
        this.self = self;
        this.own = own;
        this.keys = KeyRing.of(policy);
        this.signatures = new CommitSignatures(repo);
    }

    public Policy policy() {
        return policy;
    }

    /** The signature's verdict alone (for {@code verify} and {@code log}). */
    public Verdict verdict(RevCommit c) throws IOException {
        return Judge.judge(signatures.facts(c), keys);
    }

    /** Who {@code c} is held to, and why; a forgery is noted with {@link Own#forged}. */
    public Judge.Held held(RevCommit c) throws IOException {
        String claimed = Authors.agentOf(c, policy);
        Verdict v = verdict(c);
        boolean ownName = claimed != null && claimed.equals(self);
        Judge.Held h = Judge.held(claimed, v, keys, mustSign(c), self, ownName && (signedByOwnKey(c) || own.made(c)));
        if (h.forgery()) own.forged(c, h.why());
        return h;
    }

    private boolean signedByOwnKey(RevCommit c) throws IOException {
        return ownKey != null && signatures.facts(c) instanceof SignatureFacts.Good g && g.fingerprint().equals(ownKey);
    }

    /** The agent, or a plain description with why it is held to nobody, for cards. */
    public String display(RevCommit c, Judge.Held h) {
        if (h.agent() != null) return h.agent();
        PersonIdent p = c.getAuthorIdent();
        String who = "git: " + p.getName() + " <" + p.getEmailAddress() + ">";
        return Authors.agentOf(c, policy) == null ? who : who + " (" + h.why() + ")"; // a plain git user claims nobody
    }

    /** Whether {@code c} is a strict descendant of the policy's {@code signatures_from} commit. */
    private boolean mustSign(RevCommit c) throws IOException {
        if (policy.signaturesFrom().isEmpty()) return false;
        Boolean known = mustSign.get(c);
        if (known != null) return known;
        ObjectId from = ObjectId.fromString(policy.signaturesFrom().get());
        boolean after;
        try (RevWalk rw = new RevWalk(repo)) {
            after = !from.equals(c) && rw.isMergedInto(rw.parseCommit(from), rw.parseCommit(c));
        } catch (MissingObjectException e) {
            after = true; // the policy names a commit this clone lacks: sign everything rather than nothing
        }
        mustSign.put(c.copy(), after);
        return after;
    }
}
