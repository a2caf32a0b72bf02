package io.vaultsync.integrate;

import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.git.TreeDiff;
import io.vaultsync.git.RawPathFilter;
import io.vaultsync.git.GitPath;
import io.vaultsync.git.DirCacheEdits;
import io.vaultsync.git.CommitTrust;
import io.vaultsync.trust.Judge;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision;
import io.vaultsync.conflict.ConflictKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks every fetched commit against the zones of the agent that made it, as {@link CommitTrust} proves it
 * (its listed signing key; its name only where that agent lists no key); a commit with no proven agent is
 * held to nobody's zones, and one that forges this agent's own name is refused as a forgery. Where such a commit wrote into this agent's zones, its
 * effect is not applied: a commit on top of the remote head restores this agent's version and carries a
 * zone-violation card (a policy-change card for the policy file) with the refused bytes saved beside it.
 * Violations of other agents' zones are theirs to restore. Computes in the object store only.
 */
public final class IncomingCheck {
    private final IntegrationSetup setup;
    private final CommitTrust trust;

    public IncomingCheck(IntegrationSetup setup) {
        this.setup = setup;
        this.trust = new CommitTrust(setup.repo(), setup.zones().policy(), setup.agent(), setup.own(),
                setup.signer() == null ? null : setup.signer().publicKey().line());
    }

    /** A write refused: the path, who wrote it and in which commit. */
    public record Refusal(String path, String writer, String commit, ConflictKind kind) {}

    /** {@code tip} is the remote head itself when nothing was refused, else the restoring commit on top of it. */
    public record Result(RevCommit tip, List<ConflictCard> cards, List<Refusal> refused) {}

    /** What one path should be, and the last refused write to it; {@code raw} is the path as git's bytes. */
    private record Refused(String path, byte[] raw, ObjectId wanted, ObjectId theirs, RevCommit commit, String writer,
            String base, String agent) {
        boolean utf8() {
            return GitPath.isUtf8(raw);
        }
    }

    public Result verify(RevCommit local, RevCommit remote) throws IOException {
        // keyed by the path's bytes (as Latin-1 text: one char per byte), so two names are one only when git's are
        Map<String, Refused> refused = new LinkedHashMap<>();
        try (RevWalk rw = new RevWalk(setup.repo())) {
            rw.sort(RevSort.TOPO, true);
            rw.sort(RevSort.REVERSE, true);
            rw.markStart(rw.parseCommit(remote));
            rw.markUninteresting(rw.parseCommit(local));
            for (RevCommit c : rw) {
                if (c.getParentCount() == 0) continue;
                check(rw, c, refused);
            }
        }
        if (refused.isEmpty()) return new Result(remote, List.of(), List.of());
        return restore(remote, refused);
    }

    private void check(RevWalk rw, RevCommit c, Map<String, Refused> refused) throws IOException {
        RevCommit first = rw.parseCommit(c.getParent(0));
        List<TreeDiff.Entry> diff = ownChanges(rw, c, TreeDiff.between(setup.repo(), first.getTree(), c.getTree()));
        Judge.Held held = trust.held(c);
        String writer = held.agent();
        Set<String> allowed = new HashSet<>();
        if (writer != null) {
            setup.zones().partition(writer, TreeDiff.changes(diff)).allowed().forEach(ch -> allowed.add(ch.path()));
        }
        for (TreeDiff.Entry e : diff) {
            if (!setup.zones().mayWrite(setup.agent(), e.path())) continue; // another zone: its owner restores it
            String key = new String(e.raw(), StandardCharsets.ISO_8859_1);
            Refused before = refused.get(key);
            // a name that is not UTF-8 is nobody's to write: it is refused whoever wrote it
            if (e.utf8() && allowed.contains(e.path())) {
                // a sanctioned write after a refused one (a handoff into our folder, say) is what should stand
                if (before != null) refused.put(key, withWanted(before, e.after()));
                continue;
            }
            ObjectId wanted = before != null ? before.wanted() : e.before();
            refused.put(key, new Refused(e.path(), e.raw(), wanted, e.after(), c, trust.display(c, held), first.name(), writer));
        }
    }

    private static Refused withWanted(Refused r, ObjectId wanted) {
        return new Refused(r.path(), r.raw(), wanted, r.theirs(), r.commit(), r.writer(), r.base(), r.agent());
    }

    /** For a merge, only what the merge itself wrote: paths whose result matches no other parent. */
    private List<TreeDiff.Entry> ownChanges(RevWalk rw, RevCommit c, List<TreeDiff.Entry> diff) throws IOException {
        if (c.getParentCount() < 2) return diff;
        List<TreeDiff.Entry> out = new ArrayList<>();
        for (TreeDiff.Entry e : diff) {
            boolean fromOther = false;
            for (int i = 1; i < c.getParentCount() && !fromOther; i++) {
                fromOther = Objects.equals(WorkTreeScan.blobAt(setup.repo(), rw.parseCommit(c.getParent(i)).getTree(), e.path()),
                        e.after());
            }
            if (!fromOther) out.add(e);
        }
        return out;
    }

    private Result restore(RevCommit remote, Map<String, Refused> refused) throws IOException {
        List<ConflictCard> cards = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Map<String, Integer> perCommit = new HashMap<>();
        try (ObjectInserter ins = setup.repo().newObjectInserter(); RevWalk rw = new RevWalk(setup.repo())) {
            DirCache dc = DirCacheEdits.of(rw.getObjectReader(), remote.getTree());
            DirCacheEditor ed = dc.editor();
            for (Refused r : refused.values()) {
                String path = r.path();
                ObjectId atTip = blobAt(remote, r.raw());
                if (Objects.equals(atTip, r.wanted())) continue; // undone since: nothing to restore
                ConflictDecision.Version ours = ConflictDecision.Version.of(setup.agent(), TreeDiff.name(r.wanted()));
                ConflictDecision.Version theirs = ConflictDecision.Version.of(r.agent(), TreeDiff.name(atTip));
                ConflictDecision.Decision d = r.utf8()
                        ? ConflictDecision.decide(setup.zones(), setup.agent(), path, TreeDiff.name(r.wanted()), ours, theirs, false)
                        : ConflictDecision.badName(setup.agent(), ours, theirs);
                if (!(d instanceof ConflictDecision.Decision.Card c)) continue;
                int n = perCommit.merge(r.commit().name(), 1, Integer::sum);
                String id = setup.cardMaker().newId("in-" + r.commit().abbreviate(7).name() + (n == 1 ? "" : "-" + (n - 1)));
                String what = r.utf8() ? path : path + " (a name that is not valid UTF-8, shown with %XX for its bad bytes)";
                String reason = r.writer() + " may not write " + what + (c.kind() == ConflictKind.POLICY_CHANGE
                        ? " (the policy belongs to its local setup.agent())" : "")
                        + "; its change in commit " + r.commit().abbreviate(7).name() + " was not applied, and " + setup.agent()
                        + " restored its version.";
                ConflictCard card = setup.cardMaker().make(id, c, path, path, r.base(),
                        new CardMaker.Bytes(setup.agent(), null, bytes(r.wanted())),
                        new CardMaker.Bytes(r.writer(), r.commit().name(), bytes(atTip)), reason);
                DirCacheEdits.put(ed, r.raw(), r.wanted());
                DirCacheEdits.writeCard(ed, ins, card, atTip);
                cards.add(card);
                refusals.add(new Refusal(path, r.writer(), r.commit().name(), c.kind()));
            }
            ed.finish();
            if (cards.isEmpty()) return new Result(remote, List.of(), List.of());
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(dc.writeTree(ins));
            cb.setParentId(remote);
            cb.setAuthor(setup.ident());
            cb.setCommitter(setup.ident());
            cb.setMessage(setup.trailers().message("vaultsync: " + setup.agent() + " restores " + refusals.size() + " path"
                    + (refusals.size() == 1 ? "" : "s") + " written outside the writer's setup.zones()"));
            setup.signer().sign(setup.repo(), cb);
            ObjectId tip = ins.insert(cb);
            ins.flush();
            return new Result(rw.parseCommit(tip), cards, refusals);
        }
    }

    private byte[] bytes(ObjectId blob) throws IOException {
        return blob == null ? null : setup.repo().open(blob, Constants.OBJ_BLOB).getBytes();
    }

    private ObjectId blobAt(RevCommit commit, byte[] raw) throws IOException {
        try (org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(setup.repo())) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(new RawPathFilter(raw));
            while (tw.next()) {
                if (java.util.Arrays.equals(tw.getRawPath(), raw) && tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    return tw.getObjectId(0);
                }
            }
            return null;
        }
    }
}
