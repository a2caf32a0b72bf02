package io.vaultsync.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Is every commit the journal says landed on the remote branch, and when one is not, why: a rewrite of
 * the branch (a forced update this clone saw: a later remote head that does not contain the earlier one
 * the commit was on), a rewrite already acknowledged ({@link RewriteAck}, settling the records before it),
 * or neither: then the journal claims what never was. Pure: git's answers come in as {@link Facts}.
 */
public final class RewriteCheck {
    private RewriteCheck() {}

    /** A forced update of the remote-tracking ref, from its reflog: to a head that does not contain the old one. */
    public record Rewrite(String oldHead, String newHead, Instant fetched) {
        public Rewrite {
            Objects.requireNonNull(oldHead, "oldHead");
            Objects.requireNonNull(newHead, "newHead");
            Objects.requireNonNull(fetched, "fetched");
        }
    }

    /**
     * What git says, gathered at the edge.
     *
     * @param remoteHead the remote-tracking ref, or null when there is none
     * @param present    the landed commits this repository has
     * @param reaches    for each head this repository has among the remote head, the rewrites' heads and the
     *                   acknowledged old heads: the landed commits reachable from it
     * @param rewrites   the forced updates in the remote-tracking ref's reflog, oldest first
     */
    public record Facts(String remoteHead, Set<String> present, Map<String, Set<String>> reaches, List<Rewrite> rewrites) {
        public Facts {
            present = Set.copyOf(present);
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            reaches.forEach((h, s) -> copy.put(h, Set.copyOf(s)));
            reaches = Map.copyOf(copy);
            rewrites = List.copyOf(rewrites);
        }

        boolean reaches(String head, String commit) {
            Set<String> s = head == null ? null : reaches.get(head);
            return s != null && s.contains(commit);
        }
    }

    /** A landed record: its journal line (1-based), operation id and commit. */
    public record Landed(int line, String id, String commit) {}

    /** The landed records one rewrite dropped, in journal order. */
    public record Finding(Rewrite rewrite, List<Landed> records) {
        public Finding {
            records = List.copyOf(records);
        }
    }

    /** An acknowledgement in the journal: when it was made, and how many landed records it settles. */
    public record Acknowledged(RewriteAck ack, Instant at, int settled) {}

    /** Why a landed record fails. */
    public enum Reason {
        /** A landed record without a commit. */
        NO_COMMIT,
        /** Its commit is not in the repository: no remote head this clone fetched ever had it. */
        ABSENT,
        /** Its commit is here but not on the remote branch, and no forced update in the reflog dropped it. */
        NOT_ON_REMOTE,
        /** A rewrite acknowledgement whose detail cannot be read. */
        BAD_ACKNOWLEDGEMENT
    }

    /** The outcome. */
    public sealed interface Verdict {
        /** Every landed commit is on the remote branch, or settled by an acknowledged rewrite. */
        record Clean(int onRemote, List<Acknowledged> acknowledged) implements Verdict {
            public Clean {
                acknowledged = List.copyOf(acknowledged);
            }
        }

        /** Landed commits dropped by rewrites not acknowledged yet; nothing else is wrong. */
        record Rewritten(int onRemote, List<Finding> findings) implements Verdict {
            public Rewritten {
                findings = List.copyOf(findings);
            }
        }

        /** The first record that neither is on the remote nor is explained by a rewrite. */
        record Failed(Landed record, Reason reason) implements Verdict {}
    }

    /** The commits the journal says landed (its reconcile records'). */
    public static Set<String> landed(List<JournalRecord> records) {
        Set<String> out = new HashSet<>();
        for (JournalRecord r : records) {
            if (r.op().equals(Op.RECONCILE.journalName()) && r.commit() != null) out.add(r.commit());
        }
        return out;
    }

    /** The old heads of the acknowledgements in the journal (the edge looks up their reach too). */
    public static Set<String> acknowledgedHeads(List<JournalRecord> records) {
        Set<String> out = new HashSet<>();
        for (JournalRecord r : records) {
            if (r.op().equals(Op.REWRITE_ACKNOWLEDGE.journalName())) RewriteAck.parse(r.detail()).ifPresent(a -> out.add(a.oldHead()));
        }
        return out;
    }

    public static Verdict decide(List<JournalRecord> records, Facts facts) {
        List<Integer> ackAt = new ArrayList<>();
        List<RewriteAck> acks = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord r = records.get(i);
            if (!r.op().equals(Op.REWRITE_ACKNOWLEDGE.journalName())) continue;
            var a = RewriteAck.parse(r.detail());
            if (a.isEmpty()) return new Verdict.Failed(new Landed(i + 1, r.id(), r.commit()), Reason.BAD_ACKNOWLEDGEMENT);
            ackAt.add(i);
            acks.add(a.get());
        }
        int[] settled = new int[acks.size()];
        int onRemote = 0;
        Map<Rewrite, List<Landed>> dropped = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord r = records.get(i);
            if (!r.op().equals(Op.RECONCILE.journalName())) continue;
            Landed l = new Landed(i + 1, r.id(), r.commit());
            String c = r.commit();
            if (c == null) return new Verdict.Failed(l, Reason.NO_COMMIT);
            if (facts.reaches(facts.remoteHead(), c)) {
                onRemote++;
                continue;
            }
            int a = settledBy(i, c, ackAt, acks, facts);
            if (a >= 0) {
                settled[a]++;
                continue;
            }
            if (!facts.present().contains(c)) return new Verdict.Failed(l, Reason.ABSENT);
            Rewrite w = droppedBy(c, facts);
            if (w == null) return new Verdict.Failed(l, Reason.NOT_ON_REMOTE);
            dropped.computeIfAbsent(w, x -> new ArrayList<>()).add(l);
        }
        if (!dropped.isEmpty()) {
            List<Finding> findings = new ArrayList<>();
            for (Rewrite w : facts.rewrites()) {
                List<Landed> ls = dropped.remove(w);
                if (ls != null) findings.add(new Finding(w, ls));
            }
            return new Verdict.Rewritten(onRemote, findings);
        }
        List<Acknowledged> acknowledged = new ArrayList<>();
        for (int k = 0; k < acks.size(); k++) {
            acknowledged.add(new Acknowledged(acks.get(k), records.get(ackAt.get(k)).time(), settled[k]));
        }
        return new Verdict.Clean(onRemote, acknowledged);
    }

    /** What acknowledging these findings records: one acknowledgement per rewrite, oldest first. */
    public static List<RewriteAck> acknowledge(Verdict.Rewritten rewritten) {
        List<RewriteAck> out = new ArrayList<>();
        for (Finding f : rewritten.findings()) {
            out.add(new RewriteAck(f.rewrite().oldHead(), f.rewrite().newHead(), f.rewrite().fetched(),
                    f.records().stream().map(Landed::line).toList(), f.records().stream().map(Landed::commit).toList()));
        }
        return out;
    }

    /**
     * The first acknowledgement after record {@code i} that names its commit, when that commit was on the
     * acknowledged old head (or that head is no longer here to ask); -1 if none.
     */
    private static int settledBy(int i, String commit, List<Integer> ackAt, List<RewriteAck> acks, Facts facts) {
        for (int k = 0; k < acks.size(); k++) {
            RewriteAck a = acks.get(k);
            if (ackAt.get(k) <= i || !a.commits().contains(commit)) continue;
            if (!facts.reaches().containsKey(a.oldHead()) || facts.reaches(a.oldHead(), commit)) return k;
        }
        return -1;
    }

    /** The latest forced update that dropped the commit: its old head had it, its new head has not; or null. */
    private static Rewrite droppedBy(String commit, Facts facts) {
        Rewrite found = null;
        for (Rewrite w : facts.rewrites()) {
            if (facts.reaches(w.oldHead(), commit) && !facts.reaches(w.newHead(), commit)) found = w;
        }
        return found;
    }
}
