package io.vaultsync.journal;

import io.vaultsync.git.Trailers;
import io.vaultsync.git.TreeDiff;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.TaskMoves;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Brings the journal up to date with the clone, from git alone, so it can run at any point and any number
 * of times (a second run records nothing):
 * <ul>
 * <li>each commit of this agent on the local branch and not on the remote: {@code enqueue};</li>
 * <li>each commit of this agent that reached the remote: {@code reconcile} (after {@code replay} when it
 * landed as a rewritten commit of an enqueued one, matched by operation id);</li>
 * <li>an enqueued commit that neither landed nor is on the branch any more (an undone claim, say):
 * {@code repair.apply}, abandoned (its bytes stay in the object store);</li>
 * <li>a task file deleted from the task folders (not moved): {@code tombstone.apply};</li>
 * <li>a new remote head: {@code checkpoint.write}.</li>
 * </ul>
 */
public final class JournalSync {
    /** How far back a first catch-up looks. */
    static final int WALK_LIMIT = 10_000;
    static final String DELETED = "deleted";

    private final Journal journal;
    private final String agent;

    public JournalSync(Journal journal, String agent) {
        this.journal = journal;
        this.agent = agent;
    }

    public Journal journal() {
        return journal;
    }

    /**
     * What the journal records so far ({@link JournalFold}), and what this catch-up adds as it goes: the enqueued
     * commits not yet settled (with their operation ids), the commits landed in this run, the last checkpoint and
     * the deleted task names.
     */
    record JournalState(JournalFold fold, Map<String, String> enqueued, Set<String> reconciledNow, String checkpoint,
            Set<String> tombstones) {
        static JournalState of(JournalFold fold) {
            return new JournalState(fold, new LinkedHashMap<>(fold.pending()), new HashSet<>(), fold.checkpoint(),
                    new HashSet<>(fold.tombstones()));
        }

        boolean reconciled(String commit) {
            return reconciledNow.contains(commit) || fold.landed(commit);
        }
    }

    /** The task names deleted so far (a task file's name, wherever it was). */
    public Set<String> tombstones() throws IOException {
        return journal.folded().tombstones();
    }

    /** Records what the clone shows and the journal lacks yet (see above); returns how many records it added. */
    public int catchUp(VaultRepo vault) throws IOException {
        JournalState state = JournalState.of(journal.folded());
        ObjectId head = vault.head();
        ObjectId remote = vault.tracking();
        try (RevWalk rw = new RevWalk(vault.repository())) {
            Map<String, Deque<String>> pendingByOp = pendingByOperation(state);
            Set<String> settledNow = new HashSet<>();
            int added = remote == null ? 0 : landed(vault, rw, remote, state, pendingByOp, settledNow);
            if (head != null) added += enqueued(vault, rw, head, remote, state);
            added += abandoned(rw, head, state, pendingByOp, settledNow);
            if (remote != null && !remote.name().equals(state.checkpoint())) {
                journal.append(Op.CHECKPOINT_WRITE, "cp-" + remote.name().substring(0, 12), List.of(), remote.name(),
                        "remote head integrated");
                added++;
            }
            return added;
        }
    }

    /** The enqueued commits neither reconciled nor settled, by operation id, in journal order. */
    private static Map<String, Deque<String>> pendingByOperation(JournalState state) {
        Map<String, Deque<String>> pendingByOp = new HashMap<>();
        for (Map.Entry<String, String> e : state.enqueued().entrySet()) {
            pendingByOp.computeIfAbsent(e.getValue(), x -> new ArrayDeque<>()).add(e.getKey());
        }
        return pendingByOp;
    }

    /**
     * Landed: this agent's commits on the remote since the last checkpoint, oldest first, each reconciled (a
     * rewritten one also replayed from the pending commit of its operation, which goes into {@code settledNow});
     * the tombstones of every commit on the way.
     */
    private int landed(VaultRepo vault, RevWalk rw, ObjectId remote, JournalState state,
            Map<String, Deque<String>> pendingByOp, Set<String> settledNow) throws IOException {
        int added = 0;
        for (RevCommit c : range(rw, remote, state.checkpoint())) {
            added += tombstones(vault, rw, c, state);
            Map<String, String> t = Trailers.parse(c.getFullMessage());
            if (!agent.equals(t.get(Trailers.AGENT)) || state.reconciled(c.name()) || state.fold().forged(c.name())) continue;
            String op = operation(t);
            if (state.enqueued().containsKey(c.name())) {
                journal.append(Op.RECONCILE, op, List.of(), c.name(), "landed as committed");
                added++;
            } else {
                Deque<String> local = pendingByOp.getOrDefault(op, new ArrayDeque<>());
                String from = local.isEmpty() ? null : local.poll();
                if (from == null) {
                    journal.append(Op.ENQUEUE, op, paths(vault, rw, c), c.name(), "committed and pushed in one cycle");
                    journal.append(Op.RECONCILE, op, List.of(), c.name(), "landed as committed");
                } else {
                    journal.append(Op.REPLAY, op, List.of(), c.name(), "from " + from, from);
                    journal.append(Op.RECONCILE, op, List.of(), c.name(), "from " + from, from);
                    settledNow.add(from);
                }
                added += 2;
            }
            state.reconciledNow().add(c.name());
        }
        return added;
    }

    /** Local: this agent's commits on the branch and not on the remote, each enqueued once. */
    private int enqueued(VaultRepo vault, RevWalk rw, ObjectId head, ObjectId remote, JournalState state)
            throws IOException {
        int added = 0;
        for (RevCommit c : range(rw, head, remote == null ? null : remote.name())) {
            Map<String, String> t = Trailers.parse(c.getFullMessage());
            if (!agent.equals(t.get(Trailers.AGENT)) || state.enqueued().containsKey(c.name()) || state.reconciled(c.name())
                    || state.fold().forged(c.name())) continue;
            String op = operation(t);
            journal.append(Op.ENQUEUE, op, paths(vault, rw, c), c.name(), null);
            state.enqueued().put(c.name(), op);
            added++;
        }
        return added;
    }

    /** Abandoned: enqueued, not landed, not replayed, no longer on the branch. */
    private int abandoned(RevWalk rw, ObjectId head, JournalState state, Map<String, Deque<String>> pendingByOp,
            Set<String> settledNow) throws IOException {
        int added = 0;
        for (Deque<String> left : pendingByOp.values()) {
            for (String c : left) {
                if (settledNow.contains(c) || onBranch(rw, c, head)) continue;
                journal.append(Op.REPAIR_APPLY, state.enqueued().get(c), List.of(), c,
                        "operation abandoned: its commit is no longer on the branch (kept in the object store)");
                added++;
            }
        }
        return added;
    }

    private static String operation(Map<String, String> trailers) {
        String op = trailers.get(Trailers.OPERATION);
        return op == null ? "op-unknown" : op;
    }

    /** Commits reachable from {@code tip} and not from {@code stop}, oldest first (bounded). */
    private static List<RevCommit> range(RevWalk rw, ObjectId tip, String stop) throws IOException {
        rw.reset();
        rw.sort(RevSort.TOPO);
        rw.sort(RevSort.REVERSE, true);
        rw.markStart(rw.parseCommit(tip));
        if (stop != null) {
            try {
                rw.markUninteresting(rw.parseCommit(ObjectId.fromString(stop)));
            } catch (MissingObjectException | IllegalArgumentException gone) {
                // an old checkpoint no longer in this clone: walk the bounded history
            }
        }
        List<RevCommit> out = new ArrayList<>();
        for (RevCommit c : rw) {
            out.add(c);
            if (out.size() >= WALK_LIMIT) break;
        }
        return out;
    }

    private static boolean onBranch(RevWalk rw, String commit, ObjectId head) throws IOException {
        if (head == null) return false;
        try {
            rw.reset();
            return rw.isMergedInto(rw.parseCommit(ObjectId.fromString(commit)), rw.parseCommit(head));
        } catch (MissingObjectException e) {
            return false;
        }
    }

    private List<String> paths(VaultRepo vault, RevWalk rw, RevCommit c) throws IOException {
        List<String> out = new ArrayList<>();
        for (TreeDiff.Entry e : diff(vault, rw, c)) out.add(e.path());
        return out;
    }

    private static List<TreeDiff.Entry> diff(VaultRepo vault, RevWalk rw, RevCommit c) throws IOException {
        if (c.getParentCount() == 0) return List.of();
        RevCommit parent = rw.parseCommit(c.getParent(0));
        return TreeDiff.between(vault.repository(), parent.getTree(), c.getTree());
    }

    /** Task files a commit deleted without moving them: each one remembered once. */
    private int tombstones(VaultRepo vault, RevWalk rw, RevCommit c, JournalState state) throws IOException {
        Set<String> deleted = new LinkedHashSet<>();
        Set<String> added = new HashSet<>();
        for (TreeDiff.Entry e : diff(vault, rw, c)) {
            String task = TaskMoves.taskName(e.path());
            if (task == null || task.contains("/") || task.startsWith(".")) continue;
            if (e.after() == null) deleted.add(e.path());
            else if (e.before() == null) added.add(task);
        }
        int n = 0;
        for (String path : deleted) {
            String task = TaskMoves.taskName(path);
            if (added.contains(task) || state.tombstones().contains(task)) continue;
            journal.append(Op.TOMBSTONE_APPLY, "ts-" + task, List.of(path), c.name(), DELETED);
            state.tombstones().add(task);
            n++;
        }
        return n;
    }
}
