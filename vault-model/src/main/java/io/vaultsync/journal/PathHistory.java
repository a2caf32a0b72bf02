package io.vaultsync.journal;

import io.vaultsync.git.CommitTrust;
import io.vaultsync.git.SignatureAudit;
import io.vaultsync.git.Trailers;
import io.vaultsync.policy.Policy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Who changed a path, when, in which commit and why: the branch's commits touching it, newest first, with their
 * trailers, and (given the policy in force) who signed each and whether it verified.
 */
public final class PathHistory {
    static final int LIMIT = 500;

    private PathHistory() {}

    /**
     * One commit that changed the path; agent, machine, device and operation from its trailers (null if none);
     * {@code signature}: who signed it and whether it verified under the policy in force (null when not asked).
     */
    public record Change(Instant time, String agent, String author, String machine, String device, String operation,
            String commit, String subject, String signature) {
        public Change(Instant time, String agent, String author, String machine, String device, String operation,
                String commit, String subject) {
            this(time, agent, author, machine, device, operation, commit, subject, null);
        }
    }

    public static List<Change> of(Repository repo, ObjectId tip, String path) throws IOException {
        return of(repo, tip, path, null);
    }

    /** As {@link #of(Repository, ObjectId, String)}, each signature judged under {@code policy} when it is not null. */
    public static List<Change> of(Repository repo, ObjectId tip, String path, Policy policy) throws IOException {
        CommitTrust trust = policy == null ? null : new CommitTrust(repo, policy, null, CommitTrust.Own.NAMES);
        List<Change> out = new ArrayList<>();
        if (tip == null) return out;
        try (RevWalk rw = new RevWalk(repo)) {
            rw.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            rw.markStart(rw.parseCommit(tip));
            for (RevCommit c : rw) {
                Map<String, String> t = Trailers.parse(c.getFullMessage());
                out.add(new Change(c.getCommitterIdent().getWhenAsInstant(), t.get(Trailers.AGENT),
                        c.getAuthorIdent().getName() + " <" + c.getAuthorIdent().getEmailAddress() + ">",
                        t.get(Trailers.MACHINE), t.get(Trailers.DEVICE), t.get(Trailers.OPERATION), c.name(),
                        c.getShortMessage(), trust == null ? null : SignatureAudit.describe(trust.verdict(c))));
                if (out.size() >= LIMIT) break;
            }
        }
        return out;
    }
}
