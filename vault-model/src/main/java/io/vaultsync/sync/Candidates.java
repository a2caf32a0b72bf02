package io.vaultsync.sync;

import io.vaultsync.PolicyException;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict;
import io.vaultsync.git.StagedFile;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Zones;
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
        Zones.Partition split = zones.partition(agent, changes);
        List<StagedFile> stage = new ArrayList<>();
        List<BlockedPath> blocked = new ArrayList<>();
        for (Zones.Change ch : split.allowed()) {
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
