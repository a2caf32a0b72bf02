package io.vaultsync.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Counting commits between two heads. */
public final class Commits {
    private Commits() {}

    /** Commits reachable from {@code from} and not from {@code not}; 0 when {@code from} is null. */
    public static int count(Repository repo, ObjectId from, ObjectId not) throws IOException {
        if (from == null) return 0;
        try (RevWalk rw = new RevWalk(repo)) {
            rw.markStart(rw.parseCommit(from));
            if (not != null) rw.markUninteresting(rw.parseCommit(not));
            int n = 0;
            for (RevCommit ignored : rw) n++;
            return n;
        }
    }
}
