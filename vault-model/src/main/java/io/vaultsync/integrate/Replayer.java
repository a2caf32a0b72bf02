package io.vaultsync.integrate;

import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.git.TreeDiff;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.DirCacheEdits;
import io.vaultsync.git.Authors;
import static io.vaultsync.git.DirCacheEdits.blobIn;
import static io.vaultsync.git.DirCacheEdits.put;
import static io.vaultsync.git.DirCacheEdits.writeCard;

import io.vaultsync.conflict.CardReasons;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.TaskMove;
import io.vaultsync.policy.TaskMoves;
import io.vaultsync.policy.TaskPlacement;
import io.vaultsync.policy.Zones;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Puts local commits on top of the fetched remote head, one by one, path by path: no merge machinery, so
 * no conflict markers, no MERGE_HEAD, no rebase state. Only changes the agent may make are carried (a
 * person's commit in the clone may hold others: those stay in the work tree, reported); where the remote
 * changed the same path, ours stays in place and theirs is saved with a decision card.
 */
public final class Replayer {
    private final IntegrationSetup setup;
    private final List<String> agents;

    public Replayer(IntegrationSetup setup) {
        this.setup = setup;
        this.agents = setup.zones().policy().agents().stream().map(io.vaultsync.policy.AgentSpec::name).toList();
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
            var changes = TreeDiff.changes(TreeDiff.between(setup.repo(), parent.getTree(), c.getTree()));
            if (!setup.zones().partition(setup.agent(), changes).outside().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public Result replay(List<RevCommit> localOldestFirst, RevCommit onto) throws IOException {
        Run run = new Run(onto);
        try (ObjectInserter ins = setup.repo().newObjectInserter(); RevWalk rw = new RevWalk(setup.repo())) {
            run.dc = DirCacheEdits.of(rw.getObjectReader(), onto.getTree());
            for (RevCommit c : localOldestFirst) {
                RevCommit commit = rw.parseCommit(c);
                if (commit.getParentCount() == 0) continue;
                carry(run, ins, commit, rw.parseCommit(commit.getParent(0)));
                ObjectId tree = run.dc.writeTree(ins);
                if (tree.equals(run.tipTree)) continue;
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(tree);
                cb.setParentId(run.tip);
                cb.setAuthor(commit.getAuthorIdent());
                cb.setCommitter(setup.ident());
                cb.setMessage(withTrailers(commit.getFullMessage()));
                setup.signer().sign(setup.repo(), cb); // re-signed: the replayed commit is a new one, by this agent
                run.tip = ins.insert(cb);
                run.tipTree = tree;
            }
            ins.flush();
        }
        return new Result(run.tip, run.dropped, remoteChanged(localOldestFirst, onto, run.dropped), run.cards, run.lost,
                run.diverted);
    }

    /** The state of one replay: the tree being built in {@code dc} and what was left out or carded so far. */
    private static final class Run {
        final RevCommit onto;
        DirCache dc;
        final Set<String> dropped = new LinkedHashSet<>();
        final List<ConflictCard> cards = new ArrayList<>();
        final List<LostClaim> lost = new ArrayList<>();
        final Set<String> diverted = new LinkedHashSet<>();
        ObjectId tip;
        ObjectId tipTree;

        Run(RevCommit onto) {
            this.onto = onto;
            this.tip = onto;
            this.tipTree = onto.getTree();
        }
    }

    /** The task moves of one commit that hold on top of the remote, and the paths of those that do not. */
    private record Moves(Set<String> skip, Set<String> movedIn, Set<String> movePaths) {}

    /** Carries one local commit's allowed changes into {@code run.dc}. */
    private void carry(Run run, ObjectInserter ins, RevCommit commit, RevCommit parent) throws IOException {
        List<TreeDiff.Entry> diff = TreeDiff.between(setup.repo(), parent.getTree(), commit.getTree());
        List<Zones.Change> changes = TreeDiff.changes(diff);
        Zones.Partition split = setup.zones().partition(setup.agent(), changes);
        split.outside().forEach(ch -> run.dropped.add(ch.path()));
        Set<String> allowed = new LinkedHashSet<>(split.allowed().stream().map(Zones.Change::path).toList());
        Moves moves = moves(run, ins, commit, parent, diff, changes, allowed);
        Set<String> added = new LinkedHashSet<>(
                changes.stream().filter(ch -> ch.kind() == Zones.Change.Kind.ADD).map(Zones.Change::path).toList());
        DirCacheEditor ed = run.dc.editor();
        for (TreeDiff.Entry e : diff) {
            if (!allowed.contains(e.path()) || moves.skip().contains(e.path())) continue;
            if (e.after() != null && e.afterMode() != FileMode.REGULAR_FILE && e.afterMode() != FileMode.EXECUTABLE_FILE) {
                run.dropped.add(e.path()); // a symlink is never carried
                continue;
            }
            carry(run, ed, ins, commit, parent, e, moves, added);
        }
        ed.finish();
    }

    private Moves moves(Run run, ObjectInserter ins, RevCommit commit, RevCommit parent, List<TreeDiff.Entry> diff,
            List<Zones.Change> changes, Set<String> allowed) throws IOException {
        Moves out = new Moves(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        for (TaskMove m : TaskMoves.find(setup.agent(), agents, changes)) {
            if (!allowed.contains(m.from()) || !allowed.contains(m.to())) continue;
            ObjectId before = blobAt(parent, m.from());
            if (TaskPlacement.moveHolds(m, TreeDiff.name(blobIn(run.dc, m.from())), TreeDiff.name(before))) {
                out.movedIn().add(m.to());
                out.movePaths().addAll(List.of(m.from(), m.to()));
                continue;
            }
            out.skip().addAll(List.of(m.from(), m.to()));
            String holder = holderOf(run.dc, m.task());
            run.lost.add(new LostClaim(m.kind(), m.task(), m.to(), holder));
            if (isMine(m.to())) run.diverted.add(m.to());
            TreeDiff.Entry moved = diff.stream().filter(e -> e.path().equals(m.to())).findFirst().orElseThrow();
            if (editedInTheMove(before, moved.after())) {
                // the move carried work of ours (edited before it was committed): kept aside
                DirCacheEditor keep = run.dc.editor();
                run.cards.add(keptAside(run, keep, ins, moved, holder, commit));
                keep.finish();
            }
        }
        return out;
    }

    /** One allowed change of a local commit: carried, kept aside, or carded against the remote's version. */
    private void carry(Run run, DirCacheEditor ed, ObjectInserter ins, RevCommit commit, RevCommit parent,
            TreeDiff.Entry e, Moves moves, Set<String> added) throws IOException {
        ObjectId theirs = blobIn(run.dc, e.path());
        if (e.after() != null && isMine(e.path()) && !moves.movedIn().contains(e.path())
                && taskLivesElsewhere(run, e, theirs)) {
            // our work on a task the remote gave to someone else: kept aside, not resurrected
            run.cards.add(keptAside(run, ed, ins, e, holderOf(run.dc, TaskMoves.taskName(e.path())), commit));
            run.diverted.add(e.path());
            return;
        }
        // the remote head was verified on the way in: its state counts as allowed here
        ConflictDecision.Decision d = ConflictDecision.decide(setup.zones(), setup.agent(), e.path(), TreeDiff.name(e.before()),
                new ConflictDecision.Version(setup.agent(), TreeDiff.name(e.after()), moves.movePaths().contains(e.path()),
                        e.after() == null && setup.zones().isVerdict(setup.agent(), e.path(), added)),
                new ConflictDecision.Version(null, TreeDiff.name(theirs), true, verdictGiven(run.dc, e, theirs)), false);
        if (d instanceof ConflictDecision.Decision.Take t && t.side() == ConflictDecision.Side.OURS) {
            put(ed, e.path(), e.after());
        } else if (d instanceof ConflictDecision.Decision.Card cd) {
            boolean oursStays = cd.inPlace() == ConflictDecision.Side.OURS;
            if (oursStays) put(ed, e.path(), e.after());
            RevCommit writer = lastWriter(run.onto, parent, e.path());
            String them = Authors.display(writer, setup.zones().policy());
            ConflictCard card = setup.cardMaker().make(cardId(commit, run.cards.size()), cd, e.path(), e.path(), parent.name(),
                    new CardMaker.Bytes(setup.agent(), commit.name(), bytes(e.after())),
                    new CardMaker.Bytes(them, writer.name(), bytes(theirs)), CardReasons.replayed(cd.kind(), them));
            writeCard(ed, ins, card, oursStays ? theirs : e.after());
            run.cards.add(card);
        }
    }

    /** The dropped paths the remote changed too since the local commits began. */
    private Set<String> remoteChanged(List<RevCommit> localOldestFirst, RevCommit onto, Set<String> dropped)
            throws IOException {
        Set<String> out = new LinkedHashSet<>();
        if (dropped.isEmpty()) return out;
        RevCommit first = parse(localOldestFirst.get(0));
        RevCommit base = first.getParentCount() == 0 ? null : parse(first.getParent(0));
        for (String p : dropped) {
            ObjectId before = base == null ? null : blobAt(base, p);
            if (!java.util.Objects.equals(before, blobAt(onto, p))) out.add(p);
        }
        return out;
    }

    private String cardId(RevCommit ours, int n) {
        return setup.cardMaker().newId(ours.abbreviate(7).name() + (n == 0 ? "" : "-" + n));
    }

    /**
     * A task the remote gave to {@code holder}: the remote's state stays, our version of it is saved beside
     * a double-claim card, both written into the tree being built.
     */
    private ConflictCard keptAside(Run run, DirCacheEditor ed, ObjectInserter ins, TreeDiff.Entry e, String holder,
            RevCommit ours) throws IOException {
        String task = TaskMoves.taskName(e.path());
        String theirsAt = TaskPlacement.theirsAt(task, holder, p -> run.dc.getEntry(p) != null);
        ObjectId theirs = theirsAt == null ? null : blobIn(run.dc, theirsAt);
        var d = ConflictDecision.doubleClaim(setup.zones(), setup.agent(), e.path(), e.after() != null, theirs != null);
        String who = holder == null ? Authors.display(run.onto, setup.zones().policy()) : holder;
        ConflictCard card = setup.cardMaker().make(cardId(ours, run.cards.size()), d, e.path(), theirsAt, null,
                new CardMaker.Bytes(setup.agent(), ours.name(), bytes(e.after())),
                new CardMaker.Bytes(who, run.onto.name(), bytes(theirs)),
                CardReasons.taskKeptAside(task, holder));
        writeCard(ed, ins, card, e.after());
        return card;
    }

    /** The remote removed the draft we changed and holds a verdict on it: the local agent approved or rejected it. */
    private static boolean verdictGiven(DirCache dc, TreeDiff.Entry e, ObjectId theirs) {
        return theirs == null && e.before() != null
                && Zones.verdictPaths(e.path()).stream().anyMatch(p -> dc.getEntry(p) != null);
    }

    /** The newest commit from {@code onto} back to (not into) {@code base} that changed {@code path}. */
    private RevCommit lastWriter(RevCommit onto, RevCommit base, String path) throws IOException {
        try (RevWalk rw = new RevWalk(setup.repo())) {
            rw.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                    org.eclipse.jgit.treewalk.filter.PathFilter.create(path), org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
            rw.markStart(rw.parseCommit(onto));
            rw.markUninteresting(rw.parseCommit(base));
            RevCommit c = rw.next();
            return c == null ? onto : c;
        }
    }

    private byte[] bytes(ObjectId blob) throws IOException {
        return blob == null ? null : setup.repo().open(blob, Constants.OBJ_BLOB).getBytes();
    }

    /** Writing our version of {@code In_Progress/<me>/T} would put task T in two places ({@link TaskPlacement}). */
    private boolean taskLivesElsewhere(Run run, TreeDiff.Entry e, ObjectId theirs) {
        String task = TaskMoves.taskName(e.path());
        return TaskPlacement.livesElsewhere(new TaskPlacement.Remote(run.diverted.contains(e.path()), theirs != null,
                e.before() != null, run.dc.getEntry(TaskMoves.NEEDS_ACTION + task) != null, holderOf(run.dc, task)));
    }

    /** The agent (not us) whose {@code In_Progress/} holds {@code task} in {@code dc}, or null. */
    private String holderOf(DirCache dc, String task) {
        return TaskPlacement.holder(setup.agent(), agents, task, p -> dc.getEntry(p) != null);
    }

    /** The task's bytes changed in the move beyond its lease (a claim rewrites only the lease). */
    private boolean editedInTheMove(ObjectId source, ObjectId moved) throws IOException {
        if (source == null || moved == null || source.equals(moved)) return false;
        return !LeaseFrontMatter.sameTask(bytes(source), bytes(moved));
    }

    private boolean isMine(String path) {
        return setup.agent().equals(TaskMoves.inProgressOwner(path));
    }

    private String withTrailers(String message) {
        if (Trailers.parse(message).containsKey(Trailers.AGENT)) return message;
        return setup.trailers().message(message.isBlank() ? "vaultsync: replayed commit" : message.strip());
    }

    private RevCommit parse(ObjectId id) throws IOException {
        return setup.repo().parseCommit(id);
    }

    private ObjectId blobAt(RevCommit c, String path) throws IOException {
        return WorkTreeScan.blobAt(setup.repo(), c.getTree(), path);
    }
}
