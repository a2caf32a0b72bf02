package io.vaultsync.git;

import io.vaultsync.policy.Policy;
import io.vaultsync.trust.Judge;
import io.vaultsync.trust.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The signatures of the agent commits on a branch since signing began, checked against the policy in force
 * (what {@code verify} reports): an agent commit counts once its agent lists a key, or once it comes after
 * {@code signatures_from}; it is verified when that agent's listed key signed it. Commits this agent's journal
 * refused as forgeries of its name are named apart: they are on the branch, and were never applied.
 *
 * @param checked  agent commits whose signature was required
 * @param verified of those, the ones signed by their agent's listed key
 * @param unproven the others, newest first (at most {@link #SHOWN})
 * @param refused  the unproven ones this agent refused as forgeries when they arrived
 */
public record SignatureAudit(int checked, int verified, List<Finding> unproven, int refused) {
    /** How many commits are walked at most, newest first. */
    static final int LIMIT = 10_000;
    static final int SHOWN = 20;

    /** One agent commit whose signature does not prove its agent. */
    public record Finding(String commit, String claimed, String why) {}

    public SignatureAudit {
        unproven = List.copyOf(unproven);
    }

    /** {@code forged} says whether this agent's journal refused a commit as a forgery of its name. */
    public static SignatureAudit of(Repository repo, ObjectId head, Policy policy, Predicate<String> forged) throws IOException {
        CommitTrust trust = new CommitTrust(repo, policy, null, CommitTrust.Own.NAMES);
        int checked = 0;
        int verified = 0;
        int refused = 0;
        List<Finding> unproven = new ArrayList<>();
        if (head == null) return new SignatureAudit(0, 0, unproven, 0);
        try (RevWalk rw = new RevWalk(repo)) {
            rw.markStart(rw.parseCommit(head));
            int walked = 0;
            for (RevCommit c : rw) {
                if (++walked > LIMIT) break;
                String claimed = Authors.agentOf(c, policy);
                if (claimed == null) continue; // a plain git user: held to nobody's zones anyway
                Judge.Held held = trust.held(c);
                Verdict v = trust.verdict(c);
                boolean required = !(held.agent() != null && !(v instanceof Verdict.SignedBy)); // held by name: before signing
                if (!required) continue;
                checked++;
                if (v instanceof Verdict.SignedBy s && s.agent().equals(claimed)) {
                    verified++;
                } else if (forged.test(c.name())) {
                    refused++;
                } else if (unproven.size() < SHOWN) {
                    unproven.add(new Finding(c.name(), claimed, v instanceof Verdict.SignedBy s
                            ? "claims " + claimed + " but is " + s.reason() : held.why()));
                }
            }
        }
        return new SignatureAudit(checked, verified, unproven, refused);
    }

    /** The words {@code log} shows for one commit's signature under the policy in force. */
    public static String describe(Verdict v) {
        return v instanceof Verdict.SignedBy s ? "signed by " + s.agent() + ", verified" : v.reason();
    }
}
