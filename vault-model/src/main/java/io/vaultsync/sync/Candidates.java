package io.vaultsync.sync;

import io.vaultsync.Parallel;
import io.vaultsync.PolicyException;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict;
import io.vaultsync.git.StagedFile;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Zones;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts the scanned changes: those this agent may commit (read once, gated, ready to stage), those the
 * gate holds back, and those outside its zones. Reading a file happens here, once: the bytes that pass
 * the gate are the bytes that are committed. A held-back path is reported as {@link SecretGate#shown}, so a
 * token in its name is never printed.
 */
public record Candidates(List<StagedFile> stageable, List<BlockedPath> blocked, List<String> outside) {
    public Candidates {
        stageable = List.copyOf(stageable);
        blocked = List.copyOf(blocked);
        outside = List.copyOf(outside);
    }

    /** These and {@code more}, each list in order (the scan's, then what a prelude wrote after the commit). */
    public Candidates and(Candidates more) {
        return new Candidates(concat(stageable, more.stageable), concat(blocked, more.blocked), concat(outside, more.outside));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        if (b.isEmpty()) return a;
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The rule of a policy edit that does not parse: it stays on disk, reported, until it is fixed. */
    public static final String UNREADABLE_POLICY = "policy-unreadable";

    private static boolean readable(byte[] policy) {
        try {
            PolicyLoader.parse(new String(policy, StandardCharsets.UTF_8), Policy.PATH);
            return true;
        } catch (PolicyException e) {
            return false;
        }
    }

    /**
     * The changes sorted. The files are read and gated on the cores there are (a first sync reads thousands);
     * the lists keep the changes' order whatever the threads do.
     */
    public static Candidates classify(Path workTree, Zones zones, SecretGate gate, String agent,
            List<Zones.Change> changes) throws IOException {
        return classify(workTree, zones, gate, agent, changes, Progress.NONE);
    }

    /** As above, telling {@code progress} the files and bytes read and gated (a phase "checking files"). */
    public static Candidates classify(Path workTree, Zones zones, SecretGate gate, String agent,
            List<Zones.Change> changes, Progress progress) throws IOException {
        Zones.Partition split = zones.partition(agent, changes);
        List<Zones.Change> allowed = split.allowed();
        Object[] sorted = new Object[allowed.size()];
        progress.begin("checking files", allowed.size(), -1);
        try {
            Parallel.forEach(allowed.size(), Parallel.threads(), () -> null,
                    (none, i) -> sorted[i] = one(workTree, gate, allowed.get(i), progress));
        } finally {
            progress.end();
        }
        List<StagedFile> stage = new ArrayList<>();
        List<BlockedPath> blocked = new ArrayList<>();
        for (Object o : sorted) {
            if (o instanceof StagedFile f) stage.add(f);
            else if (o instanceof BlockedPath b) blocked.add(b);
        }
        // Logs/ is local by design (never synced, nobody's zone): not worth a report on every cycle
        List<String> outside = split.outside().stream().map(Zones.Change::path).filter(p -> !p.startsWith("Logs/"))
                .toList();
        return new Candidates(stage, blocked, outside);
    }

    /** One allowed change: a {@link StagedFile}, a {@link BlockedPath}, or null when the file went since the scan. */
    private static Object one(Path workTree, SecretGate gate, Zones.Change ch, Progress progress) throws IOException {
        progress.advance(1, 0); // the bytes read are added below
        if (ch.kind() == Zones.Change.Kind.DELETE) return StagedFile.deletion(ch.path());
        Verdict name = gate.checkPath(ch.path(), false, 0);
        if (name instanceof Verdict.Blocked b) { // before any lookup: a bad name may not even resolve
            return new BlockedPath(SecretGate.shown(ch.path()), b.rule());
        }
        Path file = workTree.resolve(ch.path());
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException gone) {
            return null; // deleted since the scan: the next scan sees it
        }
        Verdict v = gate.checkPath(ch.path(), attrs.isSymbolicLink(), attrs.size());
        if (!v.blocked() && attrs.isOther()) v = new Verdict.Blocked(SecretGate.RULE_SPECIAL_FILE); // a FIFO is never read
        if (v instanceof Verdict.Blocked b) return new BlockedPath(SecretGate.shown(ch.path()), b.rule());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        } catch (IOException unreadable) {
            // one unreadable file does not stop the others; it is reported like a blocked one
            return new BlockedPath(SecretGate.shown(ch.path()), "unreadable");
        }
        progress.advance(0, bytes.length);
        v = gate.check(ch.path(), false, bytes.length, bytes);
        if (v instanceof Verdict.Blocked b) return new BlockedPath(SecretGate.shown(ch.path()), b.rule());
        if (ch.path().equals(Policy.PATH) && !readable(bytes)) {
            // a policy nobody could read is never committed: it would stop every agent
            return new BlockedPath(SecretGate.shown(ch.path()), UNREADABLE_POLICY);
        }
        return new StagedFile(ch.path(), bytes, bytes.length, attrs.lastModifiedTime());
    }
}
