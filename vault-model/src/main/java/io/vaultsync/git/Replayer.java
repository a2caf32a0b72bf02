package io.vaultsync.git;

import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.conflict.ConflictDecision;
import io.vaultsync.conflict.Keep;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.TaskMove;
import io.vaultsync.policy.TaskMoves;
import io.vaultsync.policy.Zones;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Puts local commits on top of the fetched remote head, one by one, path by path: no merge machinery, so
 * no conflict markers, no MERGE_HEAD, no rebase state. Only changes the agent may make are carried (a
 * person's commit in the clone may hold others: those stay in the work tree, reported); where the remote
 * changed the same path, ours stays in place and theirs is saved with a decision card.
 */
public final class Replayer {
    private final Repository repo;
    private final Zones zones;
    private final String agent;
    private final Trailers trailers;
    private final PersonIdent ident;
    private final List<String> agents;
    private final CardMaker maker;

    public Replayer(Repository repo, Zones zones, String agent, Trailers trailers, PersonIdent ident, CardMaker maker) {
        this.repo = repo;
        this.zones = zones;
        this.agent = agent;
        this.trailers = trailers;
        this.ident = ident;
        this.maker = maker;
        this.agents = zones.policy().agents().stream().map(io.vaultsync.policy.AgentSpec::name).toList();
    }

    /**
     * The new tip, the paths left out (outside this agent's zones), those of them the remote changed too
     * (the owner's version then goes in place and ours is saved), and the cards written into the tip.
     */
    public record Result(ObjectId tip, Set<String> dropped, Set<String> droppedRemoteChanged, List<ConflictCard> cards,
            List<LostClaim> lostClaims, Set<String> diverted) {}

    /** True when every change of every commit is one this agent may make (then they can be pushed as they are). */
    public boolean allCarried(List<RevCommit> localOldestFirst) throws IOException {
        for (RevCommit c : localOldestFirst) {
            if (c.getParentCount() != 1) return false;
            RevCommit parent = parse(c.getParent(0));
            if (!zones.partition(agent, changes(TreeDiff.between(repo, parent.getTree(), c.getTree()))).outside().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public Result replay(List<RevCommit> localOldestFirst, RevCommit onto) throws IOException {
        Set<String> dropped = new LinkedHashSet<>();
        List<ConflictCard> cards = new ArrayList<>();
        List<LostClaim> lost = new ArrayList<>();
        Set<String> diverted = new LinkedHashSet<>();
        ObjectId tip = onto;
        ObjectId tipTree = onto.getTree();
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk rw = new RevWalk(repo)) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            b.addTree(new byte[0], DirCacheEntry.STAGE_0, rw.getObjectReader(), onto.getTree());
            b.finish();
            for (RevCommit c : localOldestFirst) {
                RevCommit commit = rw.parseCommit(c);
                RevCommit parent = commit.getParentCount() == 0 ? null : rw.parseCommit(commit.getParent(0));
                if (parent == null) continue;
                List<TreeDiff.Entry> diff = TreeDiff.between(repo, parent.getTree(), commit.getTree());
                List<Zones.Change> changes = changes(diff);
                Zones.Partition split = zones.partition(agent, changes);
                split.outside().forEach(ch -> dropped.add(ch.path()));
                Set<String> allowed = new LinkedHashSet<>();
                split.allowed().forEach(ch -> allowed.add(ch.path()));
                Set<String> skip = new LinkedHashSet<>();
                Set<String> movedIn = new LinkedHashSet<>();
                Set<String> movePaths = new LinkedHashSet<>();
                for (TaskMove m : TaskMoves.find(agent, agents, changes)) {
                    if (!allowed.contains(m.from()) || !allowed.contains(m.to())) continue;
                    if (moveHolds(m, dc, blobAt(parent, m.from()))) {
                        movedIn.add(m.to());
                        movePaths.add(m.from());
                        movePaths.add(m.to());
                    } else {
                        skip.add(m.from());
                        skip.add(m.to());
                        String holder = holderOf(dc, m.task());
                        lost.add(new LostClaim(m.kind(), m.task(), m.to(), holder));
                        if (isMine(m.to())) diverted.add(m.to());
                        TreeDiff.Entry moved = entry(diff, m.to());
                        if (editedInTheMove(blobAt(parent, m.from()), moved.after())) {
                            // the move carried work of ours (edited before it was committed): kept aside
                            DirCacheEditor keep = dc.editor();
                            cards.add(keptAside(keep, ins, dc, moved, holder, onto, commit, cards.size()));
                            keep.finish();
                        }
                    }
                }
                Set<String> added = new LinkedHashSet<>();
                changes.stream().filter(ch -> ch.kind() == Zones.Change.Kind.ADD).forEach(ch -> added.add(ch.path()));
                DirCacheEditor ed = dc.editor();
                for (TreeDiff.Entry e : diff) {
                    if (!allowed.contains(e.path()) || skip.contains(e.path())) continue;
                    if (e.after() != null && e.afterMode() != FileMode.REGULAR_FILE
                            && e.afterMode() != FileMode.EXECUTABLE_FILE) {
                        dropped.add(e.path()); // a symlink is never carried
                        continue;
                    }
                    ObjectId theirs = blobIn(dc, e.path());
                    if (e.after() != null && isMine(e.path()) && !movedIn.contains(e.path())
                            && taskLivesElsewhere(dc, e, theirs, diverted)) {
                        // our work on a task the remote gave to someone else: kept aside, not resurrected
                        cards.add(keptAside(ed, ins, dc, e, holderOf(dc, TaskMoves.taskName(e.path())), onto, commit,
                                cards.size()));
                        diverted.add(e.path());
                        continue;
                    }
                    // the remote head was verified on the way in: its state counts as allowed here
                    ConflictDecision.Decision d = ConflictDecision.decide(zones, agent, e.path(), TreeDiff.name(e.before()),
                            new ConflictDecision.Version(agent, TreeDiff.name(e.after()), movePaths.contains(e.path()),
                                    e.after() == null && zones.isVerdict(agent, e.path(), added)),
                            new ConflictDecision.Version(null, TreeDiff.name(theirs), true, verdictGiven(dc, e, theirs)),
                            false);
                    if (d instanceof ConflictDecision.Decision.Take t && t.side() == ConflictDecision.Side.OURS) {
                        put(ed, e.path(), e.after());
                    } else if (d instanceof ConflictDecision.Decision.Card cd) {
                        if (cd.inPlace() == ConflictDecision.Side.OURS) put(ed, e.path(), e.after());
                        RevCommit writer = lastWriter(onto, parent, e.path());
                        ConflictCard card = maker.make(cardId(commit, cards.size()), cd, e.path(), e.path(),
                                parent.name(), new CardMaker.Bytes(agent, commit.name(), bytes(e.after())),
                                new CardMaker.Bytes(Authors.display(writer, zones.policy()), writer.name(), bytes(theirs)),
                                reason(cd.kind(), Authors.display(writer, zones.policy())));
                        writeCard(ed, ins, card, cd.inPlace() == ConflictDecision.Side.OURS ? theirs : e.after());
                        cards.add(card);
                    }
                }
                ed.finish();
                ObjectId tree = dc.writeTree(ins);
                if (tree.equals(tipTree)) continue;
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(tree);
                cb.setParentId(tip);
                cb.setAuthor(commit.getAuthorIdent());
                cb.setCommitter(ident);
                cb.setMessage(withTrailers(commit.getFullMessage()));
                tip = ins.insert(cb);
                tipTree = tree;
            }
            ins.flush();
        }
        Set<String> remoteChanged = new LinkedHashSet<>();
        if (!dropped.isEmpty()) {
            RevCommit first = parse(localOldestFirst.get(0));
            RevCommit base = first.getParentCount() == 0 ? null : parse(first.getParent(0));
            for (String p : dropped) {
                ObjectId before = base == null ? null : blobAt(base, p);
                if (!java.util.Objects.equals(before, blobAt(onto, p))) remoteChanged.add(p);
            }
        }
        return new Result(tip, dropped, remoteChanged, cards, lost, diverted);
    }

    private String cardId(RevCommit ours, int n) {
        return maker.newId(ours.abbreviate(7).name() + (n == 0 ? "" : "-" + n));
    }

    /**
     * A task the remote gave to {@code holder}: the remote's state stays, our version of it is saved beside
     * a double-claim card, both written into the tree being built.
     */
    private ConflictCard keptAside(DirCacheEditor ed, ObjectInserter ins, DirCache dc, TreeDiff.Entry e, String holder,
            RevCommit onto, RevCommit ours, int n) throws IOException {
        String task = TaskMoves.taskName(e.path());
        String theirsAt = holder != null ? TaskMoves.IN_PROGRESS + holder + "/" + task
                : dc.getEntry(TaskMoves.NEEDS_ACTION + task) != null ? TaskMoves.NEEDS_ACTION + task : null;
        ObjectId theirs = theirsAt == null ? null : blobIn(dc, theirsAt);
        var d = new ConflictDecision.Decision.Card(ConflictKind.DOUBLE_CLAIM, ConflictDecision.Side.THEIRS,
                Keep.THEIRS, ConflictDecision.options(zones, agent, e.path(),
                        ConflictKind.DOUBLE_CLAIM, ConflictDecision.Side.THEIRS, e.after() != null, theirs != null));
        String who = holder == null ? Authors.display(onto, zones.policy()) : holder;
        ConflictCard card = maker.make(cardId(ours, n), d, e.path(), theirsAt, null,
                new CardMaker.Bytes(agent, ours.name(), bytes(e.after())), new CardMaker.Bytes(who, onto.name(), bytes(theirs)),
                holder == null ? "Task " + task + " is no longer in this agent's hands on the remote; this agent's work on it is kept aside."
                        : "Task " + task + " is held by " + holder + " on the remote; this agent's work on it is kept aside.");
        writeCard(ed, ins, card, e.after());
        return card;
    }

    /** The card file, and the saved version's bytes at the card's copy path when it has one. */
    private static void writeCard(DirCacheEditor ed, ObjectInserter ins, ConflictCard card, ObjectId saved) throws IOException {
        if (card.saved().at() != null && saved != null) put(ed, card.saved().at(), saved);
        put(ed, card.cardPath(), ins.insert(Constants.OBJ_BLOB, card.render().getBytes(StandardCharsets.UTF_8)));
    }

    static String reason(ConflictKind kind, String them) {
        return switch (kind) {
            case CONTENT -> "This agent and " + them + " both changed the file; this agent's version stays, the other is kept.";
            case ADD_ADD -> "This agent and " + them + " both created the file; this agent's version stays, the other is kept.";
            case MODIFY_DELETE -> "One side changed the file and the other deleted it; the change stays in place.";
            case EDIT_AFTER_VERDICT -> "The draft was approved or rejected while " + them + " or this agent edited it; the"
                    + " verdict stands for the version the person saw, and the edit is kept with this card only: it does"
                    + " not come back as a draft (it would be approved and executed a second time).";
            default -> kind.yamlName() + " with " + them + ".";
        };
    }

    /** The remote removed the draft we changed and holds a verdict on it: the local agent approved or rejected it. */
    private static boolean verdictGiven(DirCache dc, TreeDiff.Entry e, ObjectId theirs) {
        return theirs == null && e.before() != null
                && Zones.verdictPaths(e.path()).stream().anyMatch(p -> dc.getEntry(p) != null);
    }

    /** The newest commit from {@code onto} back to (not into) {@code base} that changed {@code path}. */
    private RevCommit lastWriter(RevCommit onto, RevCommit base, String path) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            rw.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                    org.eclipse.jgit.treewalk.filter.PathFilter.create(path), org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
            rw.markStart(rw.parseCommit(onto));
            rw.markUninteresting(rw.parseCommit(base));
            RevCommit c = rw.next();
            return c == null ? onto : c;
        }
    }

    private byte[] bytes(ObjectId blob) throws IOException {
        return blob == null ? null : repo.open(blob, Constants.OBJ_BLOB).getBytes();
    }

    /**
     * A move still holds on top of the remote when its source is still there; taking someone else's task
     * also needs the source unchanged (a renewed lease means its holder is still at work).
     */
    private static boolean moveHolds(TaskMove m, DirCache dc, ObjectId sourceBefore) {
        ObjectId now = blobIn(dc, m.from());
        return now != null && (!m.needsUnchangedSource() || now.equals(sourceBefore));
    }

    /**
     * True when writing our version of {@code In_Progress/<me>/T} would put task T in two places: our
     * claim was undone earlier in this replay, the remote removed our copy (someone took the task), or
     * the task is new here while the remote has it in {@code Needs_Action/} or someone's {@code In_Progress/}.
     */
    private boolean taskLivesElsewhere(DirCache dc, TreeDiff.Entry e, ObjectId theirs, Set<String> diverted) {
        if (diverted.contains(e.path())) return true;
        if (theirs != null) return false;
        if (e.before() != null) return true;
        String task = TaskMoves.taskName(e.path());
        return dc.getEntry(TaskMoves.NEEDS_ACTION + task) != null || holderOf(dc, task) != null;
    }

    /** The agent (not us) whose {@code In_Progress/} holds {@code task} in {@code dc}, or null. */
    private String holderOf(DirCache dc, String task) {
        for (String a : agents) {
            if (!a.equals(agent) && dc.getEntry(TaskMoves.IN_PROGRESS + a + "/" + task) != null) return a;
        }
        return null;
    }

    private static TreeDiff.Entry entry(List<TreeDiff.Entry> diff, String path) {
        return diff.stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
    }

    /** The task's bytes changed in the move beyond its lease (a claim rewrites only the lease). */
    private boolean editedInTheMove(ObjectId source, ObjectId moved) throws IOException {
        if (source == null || moved == null || source.equals(moved)) return false;
        return !LeaseFrontMatter.sameTask(repo.open(source, Constants.OBJ_BLOB).getBytes(),
                repo.open(moved, Constants.OBJ_BLOB).getBytes());
    }

    private boolean isMine(String path) {
        return agent.equals(TaskMoves.inProgressOwner(path));
    }

    private String withTrailers(String message) {
        if (Trailers.parse(message).containsKey(Trailers.AGENT)) return message;
        return trailers.message(message.isBlank() ? "vaultsync: replayed commit" : message.strip());
    }

    private RevCommit parse(ObjectId id) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            return rw.parseCommit(id);
        }
    }

    static List<Zones.Change> changes(List<TreeDiff.Entry> diff) {
        List<Zones.Change> out = new ArrayList<>(diff.size());
        for (TreeDiff.Entry e : diff) {
            Zones.Change.Kind k = e.before() == null ? Zones.Change.Kind.ADD : e.after() == null ? Zones.Change.Kind.DELETE : Zones.Change.Kind.MODIFY;
            out.add(new Zones.Change(e.path(), k));
        }
        return out;
    }

    private ObjectId blobAt(RevCommit c, String path) throws IOException {
        return WorkTreeScan.blobAt(repo, c.getTree(), path);
    }

    private static ObjectId blobIn(DirCache dc, String path) {
        DirCacheEntry e = dc.getEntry(path);
        return e == null ? null : e.getObjectId();
    }

    private static void put(DirCacheEditor ed, String path, ObjectId blob) {
        if (blob == null) {
            ed.add(new DirCacheEditor.DeletePath(path));
            return;
        }
        ed.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
            }
        });
    }
}
