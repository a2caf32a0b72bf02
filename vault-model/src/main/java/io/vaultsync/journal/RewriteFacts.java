package io.vaultsync.journal;

import io.vaultsync.git.VaultRepo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Gathers what {@link RewriteCheck} decides on from the clone: which landed commits it has, which of them
 * each relevant head reaches, and the forced updates of the remote-tracking ref. The reflog's own words are
 * not trusted (JGit writes "forced-update" for a fast-forward under a {@code +} refspec too): an update is
 * a rewrite when its new head does not contain its old one.
 */
public final class RewriteFacts {
    private RewriteFacts() {}

    public static RewriteCheck.Facts gather(VaultRepo vault, List<JournalRecord> records) throws IOException {
        Set<String> landed = RewriteCheck.landed(records);
        ObjectId remote = vault.tracking();
        try (RevWalk rw = new RevWalk(vault.repository())) {
            rw.setRetainBody(false);
            Set<String> present = new HashSet<>();
            for (String c : landed) if (commit(rw, c) != null) present.add(c);
            Map<String, Set<String>> reaches = new HashMap<>();
            if (remote != null) reaches.put(remote.name(), reach(rw, remote, present));
            boolean allThere = present.size() == landed.size() && remote != null && reaches.get(remote.name()).size() == present.size();
            if (allThere) return new RewriteCheck.Facts(remote.name(), present, reaches, List.of());
            List<RewriteCheck.Rewrite> rewrites = rewrites(vault, rw);
            Set<String> heads = new LinkedHashSet<>(RewriteCheck.acknowledgedHeads(records));
            for (RewriteCheck.Rewrite w : rewrites) {
                heads.add(w.oldHead());
                heads.add(w.newHead());
            }
            for (String h : heads) {
                RevCommit c = commit(rw, h);
                if (c != null && !reaches.containsKey(h)) reaches.put(h, reach(rw, c, present));
            }
            return new RewriteCheck.Facts(remote == null ? null : remote.name(), present, reaches, rewrites);
        }
    }

    /** The updates of the remote-tracking ref, oldest first, whose new head does not contain the old one. */
    static List<RewriteCheck.Rewrite> rewrites(VaultRepo vault, RevWalk rw) throws IOException {
        ReflogReader log = vault.repository().getRefDatabase().getReflogReader(vault.trackingRef());
        List<RewriteCheck.Rewrite> out = new ArrayList<>();
        if (log == null) return out;
        List<ReflogEntry> entries = new ArrayList<>(log.getReverseEntries());
        for (int i = entries.size() - 1; i >= 0; i--) {
            ReflogEntry e = entries.get(i);
            if (e.getOldId().equals(ObjectId.zeroId()) || e.getNewId().equals(ObjectId.zeroId())) continue;
            if (e.getOldId().equals(e.getNewId())) continue;
            RevCommit from = commit(rw, e.getOldId().name());
            RevCommit to = commit(rw, e.getNewId().name());
            if (from == null || to == null) continue; // gone from the object store: nothing to tell from it
            rw.reset();
            if (!rw.isMergedInto(from, to)) {
                out.add(new RewriteCheck.Rewrite(from.name(), to.name(), e.getWho().getWhenAsInstant()));
            }
        }
        return out;
    }

    /** Which of {@code wanted} are reachable from {@code head}: one walk, stopping once all are found. */
    private static Set<String> reach(RevWalk rw, ObjectId head, Set<String> wanted) throws IOException {
        Set<String> found = new HashSet<>();
        if (wanted.isEmpty()) return found;
        rw.reset();
        rw.markStart(rw.parseCommit(head));
        for (RevCommit c : rw) {
            if (wanted.contains(c.name()) && found.add(c.name()) && found.size() == wanted.size()) break;
        }
        return found;
    }

    /** The commit of that id in this repository, or null (not an id, not here, not a commit). */
    private static RevCommit commit(RevWalk rw, String id) throws IOException {
        try {
            return rw.parseCommit(ObjectId.fromString(id));
        } catch (IllegalArgumentException | MissingObjectException | IncorrectObjectTypeException e) {
            return null;
        }
    }
}
