package io.vaultsync.gate;

import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The secret gate run over a whole existing history, before a vault adopts it: every path of every commit
 * (a {@code .env} deleted later is still found), every distinct blob read once (by object id), every commit
 * message. Commits are walked oldest first and each one is compared with its parents, so a path or blob is
 * met where it first appears and an unchanged subtree is never opened again. A blob over the gate's size
 * limit is not read; it is named in the report as not scanned. Nothing found ever carries the secret: paths
 * are masked as {@link SecretGate#shown} does, a commit subject that holds one is withheld.
 */
public final class HistoryAudit {
    /** Where a commit message (not a file) held a secret: the finding's path. */
    public static final String MESSAGE = "(commit message)";

    private final SecretGate gate;
    private final Progress progress;

    public HistoryAudit(SecretGate gate, Progress progress) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * One secret in the history: where (the path, masked), the oldest commit it is in (short id and a subject
     * safe to show) and the gate's rule.
     */
    public record Finding(String path, String commit, String subject, String rule) {
        public Finding {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * What the audit found, oldest first, and what it read: commits, distinct blobs and their bytes;
     * {@code unscanned} the (masked) paths of blobs over the size limit, which were not read.
     */
    public record Report(List<Finding> findings, int commits, long blobs, long bytes, List<String> unscanned) {
        public Report {
            findings = List.copyOf(findings);
            unscanned = List.copyOf(unscanned);
        }

        public boolean clean() {
            return findings.isEmpty();
        }
    }

    /** Audits every commit reachable from {@code tip}. */
    public Report audit(Repository repo, ObjectId tip) throws IOException {
        Objects.requireNonNull(tip, "tip");
        Walk w = new Walk();
        try (RevWalk rw = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            rw.markStart(rw.parseCommit(tip));
            int total = 0;
            for (RevCommit ignored : rw) total++;
            rw.reset();
            rw.sort(RevSort.TOPO, true);
            rw.sort(RevSort.REVERSE, true);
            rw.markStart(rw.parseCommit(tip));
            progress.begin("auditing history", total, -1);
            try {
                for (RevCommit c : rw) {
                    long before = w.bytes;
                    commit(reader, c, w);
                    w.commits++;
                    progress.advance(1, w.bytes - before);
                }
            } finally {
                progress.end();
            }
        }
        return new Report(new ArrayList<>(w.findings.values()), w.commits, w.blobRules.size(), w.bytes, w.unscanned);
    }

    /** What the walk has learnt so far. */
    private static final class Walk {
        final Map<String, String> pathRules = new HashMap<>(); // path -> rule, "" when allowed
        final Map<ObjectId, String> blobRules = new HashMap<>(); // blob -> rule, "" when allowed or not read
        final Map<String, Finding> findings = new LinkedHashMap<>(); // path + rule -> the oldest finding
        final List<String> unscanned = new ArrayList<>();
        int commits;
        long bytes;
    }

    private void commit(ObjectReader reader, RevCommit c, Walk w) throws IOException {
        String message = c.getFullMessage();
        Verdict said = gate.checkContent(MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        if (said instanceof Verdict.Blocked b) found(w, MESSAGE, c, b.rule());
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.addTree(c.getTree());
            for (RevCommit p : c.getParents()) tw.addTree(p.getTree());
            if (c.getParentCount() > 0) tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.MISSING || !sameInAParent(tw)) continue;
                String path = tw.getPathString();
                String pathRule = w.pathRules.computeIfAbsent(path, this::pathRule);
                if (!pathRule.isEmpty()) found(w, path, c, pathRule);
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    String rule = blobRule(reader, tw.getObjectId(0), path, w);
                    if (!rule.isEmpty()) found(w, path, c, rule);
                }
            }
        }
    }

    /** False when a parent has the same entry: a merge that only keeps one side's version brings nothing new. */
    private static boolean sameInAParent(TreeWalk tw) {
        for (int i = 1; i < tw.getTreeCount(); i++) {
            if (tw.getRawMode(i) == tw.getRawMode(0) && tw.idEqual(0, i)) return false;
        }
        return true;
    }

    /** The gate's path rules that name a secret (a denied name or a token in it); hygiene rules are not findings. */
    private String pathRule(String path) {
        Verdict v = gate.checkPath(path, false, 0);
        return v instanceof Verdict.Blocked b && secretRule(b.rule()) ? b.rule() : "";
    }

    private String blobRule(ObjectReader reader, ObjectId id, String path, Walk w) throws IOException {
        String known = w.blobRules.get(id);
        if (known != null) return known;
        long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
        String rule = "";
        if (size > gate.maxFileSizeBytes()) {
            w.unscanned.add(SecretGate.shown(path));
        } else {
            byte[] bytes = reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Math.toIntExact(size));
            w.bytes += bytes.length;
            Verdict v = gate.checkContent(path, bytes);
            if (v instanceof Verdict.Blocked b) rule = b.rule();
        }
        w.blobRules.put(id.copy(), rule);
        return rule;
    }

    static boolean secretRule(String rule) {
        return rule.startsWith(SecretGate.DENY_PREFIX) || rule.startsWith(SecretGate.NAME_PREFIX)
                || rule.startsWith(SecretGate.CONTENT_PREFIX);
    }

    private void found(Walk w, String path, RevCommit c, String rule) {
        String shown = SecretGate.shown(path);
        w.findings.putIfAbsent(shown + "\0" + rule,
                new Finding(shown, c.abbreviate(10).name(), subject(c), rule));
    }

    /** The commit's subject as it may be shown: withheld when it holds a secret, tokens masked, at most 72 chars. */
    String subject(RevCommit c) {
        String s = c.getShortMessage();
        if (gate.checkContent(MESSAGE, s.getBytes(StandardCharsets.UTF_8)).blocked()) return "(subject withheld: it holds a secret)";
        s = SecretGate.shown(s);
        return s.length() <= 72 ? s : s.substring(0, 69) + "...";
    }
}
