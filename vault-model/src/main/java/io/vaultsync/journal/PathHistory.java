package io.vaultsync.journal;

import io.vaultsync.git.Trailers;
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

/** Who changed a path, when, in which commit and why: the branch's commits touching it, newest first, with their trailers. */
public final class PathHistory {
    static final int LIMIT = 500;

    private PathHistory() {}

    /** One commit that changed the path; agent, machine, device and operation from its trailers (null if none). */
    public record Change(Instant time, String agent, String author, String machine, String device, String operation,
            String commit, String subject) {}

    public static List<Change> of(Repository repo, ObjectId tip, String path) throws IOException {
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
                        c.getShortMessage()));
                if (out.size() >= LIMIT) break;
            }
        }
        return out;
    }
}
