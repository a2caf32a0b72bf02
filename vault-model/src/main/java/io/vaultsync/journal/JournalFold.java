package io.vaultsync.journal;

import io.vaultsync.policy.TaskMoves;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a running agent needs of its journal, folded record by record instead of the records themselves, so its
 * heap does not grow with the journal: how many records and the last one's hash (where the chain goes on), the
 * enqueued commits not yet settled (landed, replayed or abandoned), the most recent {@link #RECENT} landed
 * commits (the catch-up walks at most that many commits back, see {@link JournalSync}), the last checkpoint,
 * and the deleted task names (one entry per name, however often deleted). Not thread-safe: its owner
 * ({@link JournalReads}) hands out copies.
 */
public final class JournalFold {
    /** How many landed commits are remembered: as many as a catch-up ever walks. */
    static final int RECENT = JournalSync.WALK_LIMIT;

    private long count;
    private String lastHash = JournalRecord.GENESIS;
    private final Map<String, String> pending = new LinkedHashMap<>(); // commit -> operation id, in journal order
    private final Set<String> landed = new LinkedHashSet<>(); // oldest first, at most RECENT
    private String checkpoint;
    private final Set<String> tombstones = new LinkedHashSet<>();
    private final Set<String> forged = new LinkedHashSet<>();

    JournalFold() {}

    /** Folds one more record in (records come in journal order). */
    void add(JournalRecord r) {
        count++;
        lastHash = r.hash();
        Op op;
        try {
            op = Op.fromJournalName(r.op());
        } catch (IllegalArgumentException unknown) {
            return; // a type this version does not know: counted and chained, nothing to fold
        }
        switch (op) {
            case ENQUEUE -> { if (r.commit() != null && !landed.contains(r.commit())) pending.put(r.commit(), r.id()); }
            case RECONCILE -> land(r.commit());
            case REPLAY -> pending.remove(r.source() != null ? r.source() : sourceFromNote(r.detail()));
            case REPAIR_APPLY -> { if (r.commit() != null) pending.remove(r.commit()); }
            case CHECKPOINT_WRITE -> checkpoint = r.commit();
            case FORGERY_REFUSE -> { if (r.commit() != null) forged.add(r.commit()); }
            case TOMBSTONE_APPLY -> { if (JournalSync.DELETED.equals(r.detail())) tombstones.addAll(names(r.paths())); }
            default -> { }
        }
    }

    private void land(String commit) {
        if (commit == null) return;
        pending.remove(commit);
        landed.remove(commit); // re-added as the newest
        landed.add(commit);
        if (landed.size() > RECENT) {
            var oldest = landed.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The fold as its on-disk index of {@code files}. */
    JournalIndex index(List<String> files) {
        return new JournalIndex(files, count, lastHash, pending, List.copyOf(landed), checkpoint, List.copyOf(tombstones),
                List.copyOf(forged));
    }

    /** The fold an on-disk index holds. */
    static JournalFold of(JournalIndex i) {
        JournalFold f = new JournalFold();
        f.count = i.count();
        f.lastHash = i.lastHash() == null ? JournalRecord.GENESIS : i.lastHash();
        f.pending.putAll(i.pending());
        f.landed.addAll(i.landed());
        f.checkpoint = i.checkpoint();
        f.tombstones.addAll(i.tombstones());
        f.forged.addAll(i.forged());
        return f;
    }

    JournalFold copy() {
        JournalFold c = new JournalFold();
        c.count = count;
        c.lastHash = lastHash;
        c.pending.putAll(pending);
        c.landed.addAll(landed);
        c.checkpoint = checkpoint;
        c.tombstones.addAll(tombstones);
        c.forged.addAll(forged);
        return c;
    }

    public long count() {
        return count;
    }

    public String lastHash() {
        return lastHash;
    }

    /** Enqueued commits neither landed nor settled, with their operation ids, in journal order. */
    public Map<String, String> pending() {
        return Collections.unmodifiableMap(pending);
    }

    /** Whether a commit was recorded as landed (among the most recent {@link #RECENT}). */
    public boolean landed(String commit) {
        return landed.contains(commit);
    }

    /** The last remote head recorded as integrated, or null. */
    public String checkpoint() {
        return checkpoint;
    }

    public Set<String> tombstones() {
        return Collections.unmodifiableSet(tombstones);
    }

    /** Whether a commit was refused as a forgery of this agent's name. */
    public boolean forged(String commit) {
        return forged.contains(commit);
    }

    /** Entries held: what the fold costs in memory, whatever the number of records. */
    public int size() {
        return pending.size() + landed.size() + tombstones.size() + forged.size();
    }

    /** The source of a replay record without a source field: the commit its note names ({@code from <sha>}). */
    private static String sourceFromNote(String detail) {
        return detail != null && detail.startsWith("from ") ? detail.substring(5) : "";
    }

    static List<String> names(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String t = TaskMoves.taskName(p);
            if (t != null) out.add(t);
        }
        return out;
    }
}
