package io.vaultsync.sync;

import io.vaultsync.gate.SecretGate;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.ZonePattern;
import io.vaultsync.policy.Zones;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure decisions of adopting a folder of notes as the vault (see {@link FolderAdoption}): which zones the
 * local agent is given for the person's notes, how the person's {@code .gitignore} and the bundled denylist
 * are merged, and which of the person's ignore patterns the gate keeps out of sync too.
 */
public final class AdoptionPlan {
    /** The local zone for the files at the vault's top level (not those in folders), now and later. */
    public static final String ROOT_FILES = "/*";
    /** Heads the lines {@link #mergeGitignore} appends below the person's own. */
    static final String MERGE_HEADER = "# --- added by vaultsync init: its denylist (your lines above are kept) ---";

    private AdoptionPlan() {}

    /**
     * How the notes were given zones: {@code policy} is {@code base} with the local agent's zones extended by
     * {@code given} (a {@code D/} for each top-level folder of notes in nobody's zone, then {@link #ROOT_FILES}
     * when there are top-level notes nobody's zone covers); {@code elsewhere} maps a top-level folder of notes
     * that already is another agent's zone to that agent (its files are in the first commit; the local agent
     * does not sync later edits there).
     */
    public record Zoning(Policy policy, List<String> given, Map<String, String> elsewhere) {
        public Zoning {
            Objects.requireNonNull(policy, "policy");
            given = List.copyOf(given);
            elsewhere = Map.copyOf(elsewhere);
        }

        public boolean rootFiles() {
            return given.contains(ROOT_FILES);
        }
    }

    /** The zones the local agent {@code local} of {@code base} needs so it syncs every one of {@code paths}. */
    public static Zoning zoning(Policy base, String local, Collection<String> paths) {
        Zones zones = new Zones(base);
        Set<String> folders = new TreeSet<>();
        Map<String, String> elsewhere = new TreeMap<>();
        boolean root = false;
        for (String path : paths) {
            int slash = path.indexOf('/');
            var owner = zones.owner(path);
            if (owner.isPresent()) {
                if (slash > 0 && !owner.get().equals(local)) elsewhere.putIfAbsent(path.substring(0, slash + 1), owner.get());
                continue;
            }
            if (slash < 0) root = true;
            else folders.add(path.substring(0, slash));
        }
        List<String> given = new ArrayList<>();
        for (String f : folders) given.add(escape(f) + "/");
        if (root) given.add(ROOT_FILES);
        for (String f : folders) elsewhere.remove(f + "/");
        if (given.isEmpty()) return new Zoning(base, given, elsewhere);
        List<AgentSpec> agents = new ArrayList<>();
        for (AgentSpec a : base.agents()) {
            if (!a.name().equals(local)) {
                agents.add(a);
                continue;
            }
            List<String> z = new ArrayList<>(a.zones());
            for (String g : given) if (!z.contains(g)) z.add(g);
            agents.add(a.withZones(z));
        }
        return new Zoning(base.withAgents(agents), given, elsewhere);
    }

    /** A folder name as a zone that means exactly that name: gitignore's special characters escaped. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean special = "*?[]\\".indexOf(c) >= 0 || (i == 0 && (c == '!' || c == '#'))
                    || (c == ' ' && i == name.length() - 1);
            if (special) out.append('\\');
            out.append(c);
        }
        String zone = out.toString();
        ZonePattern.compile(zone + "/"); // fails fast on a name no zone can state
        return zone;
    }

    /**
     * The person's {@code .gitignore} ({@code existing}, null if none) with the denylist's rules it lacks
     * appended below a header; every byte of {@code existing} is kept, first. Null when nothing is missing.
     */
    public static byte[] mergeGitignore(byte[] existing, List<String> template) {
        if (existing == null) return (String.join("\n", template) + "\n").getBytes(StandardCharsets.UTF_8);
        String text = new String(existing, StandardCharsets.UTF_8);
        Set<String> have = new HashSet<>();
        for (String line : text.split("\\R", -1)) have.add(line.strip());
        List<String> missing = new ArrayList<>();
        for (String line : template) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#") || have.contains(rule)) continue;
            have.add(rule);
            missing.add(rule);
        }
        if (missing.isEmpty()) return null;
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) out.append('\n');
        if (!text.isEmpty()) out.append('\n');
        out.append(MERGE_HEADER).append('\n');
        for (String rule : missing) out.append(rule).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The rules of the person's {@code .gitignore} the gate should apply too (the policy's {@code gate.deny}), so
     * what they kept out of git stays out of sync: its non-blank, non-comment lines the gate can read, in order.
     */
    public static List<String> personalDeny(byte[] existing) {
        if (existing == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String line : new String(existing, StandardCharsets.UTF_8).split("\\R")) {
            String rule = line.stripTrailing();
            if (rule.isBlank() || rule.startsWith("#") || out.contains(rule)) continue;
            try {
                SecretGate.withDenylist(List.of(rule), SecretGate.DEFAULT_MAX_FILE_SIZE);
                out.add(rule);
            } catch (IllegalArgumentException unreadable) {
                // a line the gate cannot read is left to git alone
            }
        }
        return out;
    }
}
