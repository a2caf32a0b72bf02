package io.vaultsync.sync;

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

    public static Candidates classify(Path workTree, Zones zones, SecretGate gate, String agent,
            List<Zones.Change> changes) throws IOException {
        return classify(workTree, zones, gate, agent, changes, Progress.NONE);
    }

    /** As above, telling {@code progress} the files and bytes read and gated (a phase "checking files"). */
    public static Candidates classify(Path workTree, Zones zones, SecretGate gate, String agent,
            List<Zones.Change> changes, Progress progress) throws IOException {
        Zones.Partition split = zones.partition(agent, changes);
        progress.begin("checking files", split.allowed().size(), -1);
        try {
            return sort(workTree, gate, split, progress);
        } finally {
            progress.end();
        }
    }

    private static Candidates sort(Path workTree, SecretGate gate, Zones.Partition split, Progress progress)
            throws IOException {
        List<StagedFile> stage = new ArrayList<>();
        List<BlockedPath> blocked = new ArrayList<>();
        for (Zones.Change ch : split.allowed()) {
            progress.advance(1, 0); // the bytes read are added below
            if (ch.kind() == Zones.Change.Kind.DELETE) {
                stage.add(StagedFile.deletion(ch.path()));
                continue;
            }
            Verdict name = gate.checkPath(ch.path(), false, 0);
            if (name instanceof Verdict.Blocked b) { // before any lookup: a bad name may not even resolve
                blocked.add(new BlockedPath(SecretGate.shown(ch.path()), b.rule()));
                continue;
            }
            Path file = workTree.resolve(ch.path());
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue; // deleted since the scan: the next scan sees it
            }
            Verdict v = gate.checkPath(ch.path(), attrs.isSymbolicLink(), attrs.size());
            if (!v.blocked() && attrs.isOther()) v = new Verdict.Blocked(SecretGate.RULE_SPECIAL_FILE); // a FIFO is never read
            if (v instanceof Verdict.Blocked b) {
                blocked.add(new BlockedPath(SecretGate.shown(ch.path()), b.rule()));
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            } catch (IOException unreadable) {
                // one unreadable file does not stop the others; it is reported like a blocked one
                blocked.add(new BlockedPath(SecretGate.shown(ch.path()), "unreadable"));
                continue;
            }
            progress.advance(0, bytes.length);
            v = gate.check(ch.path(), false, bytes.length, bytes);
            if (v instanceof Verdict.Blocked b) {
                blocked.add(new BlockedPath(SecretGate.shown(ch.path()), b.rule()));
                continue;
            }
            if (ch.path().equals(Policy.PATH) && !readable(bytes)) {
                // a policy nobody could read is never committed: it would stop every agent
                blocked.add(new BlockedPath(SecretGate.shown(ch.path()), UNREADABLE_POLICY));
                continue;
            }
            stage.add(new StagedFile(ch.path(), bytes, bytes.length, attrs.lastModifiedTime()));
        }
        // Logs/ is local by design (never synced, nobody's zone): not worth a report on every cycle
        List<String> outside = split.outside().stream().map(Zones.Change::path).filter(p -> !p.startsWith("Logs/"))
                .toList();
        return new Candidates(stage, blocked, outside);
    }
}
