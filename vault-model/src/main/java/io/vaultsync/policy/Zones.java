package io.vaultsync.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may write where: the policy's zones ({@link ZonePattern}) plus the fixed rules of the vault layout.
 * <ul>
 *   <li>{@code Pending_Approval/conflicts/<x>/...} is written by agent {@code x} only, listed or not;</li>
 *   <li>{@code In_Progress/<x>/...} by agent {@code x} only (if its zones include it);</li>
 *   <li>the vault's root {@code .gitignore}, {@link Policy#PATH} and {@link AllowedSigners#PATH} by local-role
 *   agents only;</li>
 *   <li>{@code Logs/} by nobody (it is never synced).</li>
 * </ul>
 * {@link #partition} also admits the sanctioned cross-zone moves: the task moves of {@link TaskMoves}
 * (claim, release, handoff, takeover and return of an expired claim) and the local agent's verdict.
 * Whether a takeover's lease had really expired is for the claim protocol to judge; here it is paths only.
 * Pure and immutable.
 */
public final class Zones {

    static final String IN_PROGRESS = "In_Progress/";
    static final String PENDING = "Pending_Approval/";
    static final String CONFLICTS = "Pending_Approval/conflicts/";
    static final List<String> VERDICT_FOLDERS = List.of("Approved/", "Rejected/");
    static final String GITIGNORE = ".gitignore";
    static final String LOGS = "Logs";

    private final Policy policy;
    private final Map<String, List<ZonePattern>> zones;

    public Zones(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Map<String, List<ZonePattern>> byAgent = new HashMap<>();
        for (AgentSpec agent : policy.agents()) {
            byAgent.put(agent.name(), agent.zones().stream().map(ZonePattern::compile).toList());
        }
        this.zones = Map.copyOf(byAgent);
    }

    public Policy policy() {
        return policy;
    }

    /** True iff {@code agent} may add, modify or delete the vault-relative {@code path}. */
    public boolean mayWrite(String agent, String path) {
        Optional<AgentSpec> spec = policy.agent(agent);
        if (spec.isEmpty() || !isVaultRelative(path)) {
            return false;
        }
        if (path.equals(LOGS) || path.startsWith(LOGS + "/")) {
            return false;
        }
        if (path.equals(Policy.PATH) || path.equals(AllowedSigners.PATH) || path.equals(GITIGNORE)) {
            return spec.get().role() == Role.LOCAL;
        }
        if (path.startsWith(CONFLICTS)) {
            return agent.equals(folderOwner(path, CONFLICTS));
        }
        String inProgressOwner = folderOwner(path, IN_PROGRESS);
        if (inProgressOwner != null && !inProgressOwner.equals(agent)) {
            return false;
        }
        return ZonePattern.covers(zones.get(agent), path);
    }

    /** The first agent, in policy order, that may write {@code path}. */
    public Optional<String> owner(String path) {
        return policy.agents().stream().map(AgentSpec::name).filter(a -> mayWrite(a, path)).findFirst();
    }

    /**
     * Splits one commit's worth of changes by {@code agent} into those it may commit and those outside its
     * zones, admitting the sanctioned moves: the {@link TaskMoves} whose ends the agents involved may hold
     * and, for a local-role agent, a verdict ({@code Pending_Approval/<domain>/N} deleted, {@code Approved/N}
     * or {@code Rejected/N} added). Both lists keep the input order.
     */
    public Partition partition(String agent, Collection<Change> changes) {
        Objects.requireNonNull(agent, "agent");
        List<Change> all = List.copyOf(changes);
        Set<String> added = new HashSet<>();
        for (Change change : all) {
            if (change.kind() == Change.Kind.ADD) {
                added.add(change.path());
            }
        }
        Set<String> moved = sanctionedMoves(agent, all);
        List<Change> allowed = new ArrayList<>();
        List<Change> outside = new ArrayList<>();
        for (Change change : all) {
            boolean ok = mayWrite(agent, change.path()) || moved.contains(change.path())
                    || (change.kind() == Change.Kind.DELETE && isVerdict(agent, change.path(), added));
            (ok ? allowed : outside).add(change);
        }
        return new Partition(allowed, outside);
    }

    /** The paths of the task moves {@code agent} may make: both ends of each. */
    private Set<String> sanctionedMoves(String agent, List<Change> all) {
        Set<String> out = new HashSet<>();
        if (policy.agent(agent).isEmpty()) {
            return out;
        }
        List<String> names = policy.agents().stream().map(AgentSpec::name).toList();
        for (TaskMove m : TaskMoves.find(agent, names, all)) {
            if (isSanctioned(agent, m)) {
                out.add(m.from());
                out.add(m.to());
            }
        }
        return out;
    }

    private boolean isSanctioned(String agent, TaskMove m) {
        return switch (m.kind()) {
            case CLAIM -> mayWrite(agent, m.to());
            case RELEASE -> mayWrite(agent, m.from());
            case HANDOFF -> mayWrite(agent, m.from()) && mayWrite(m.other(), m.to());
            case TAKEOVER -> mayWrite(agent, m.to()) && mayWrite(m.other(), m.from());
            case RETURN -> mayWrite(m.other(), m.from());
        };
    }

    /**
     * True when deleting {@code path} is {@code agent}'s verdict on a draft: a local-role agent deleting
     * {@code Pending_Approval/<domain>/N} while {@code added} holds its {@code Approved/N} or {@code Rejected/N}.
     */
    public boolean isVerdict(String agent, String path, Set<String> added) {
        if (policy.agent(agent).map(AgentSpec::role).orElse(null) != Role.LOCAL) {
            return false;
        }
        return verdictPaths(path).stream().anyMatch(target -> added.contains(target) && mayWrite(agent, target));
    }

    /**
     * Where a verdict on the draft at {@code path} puts it ({@code Approved/N}, {@code Rejected/N}) when
     * {@code path} is a draft ({@code Pending_Approval/<domain>/N}, not a card); empty otherwise. Pure.
     */
    public static List<String> verdictPaths(String path) {
        if (path.startsWith(CONFLICTS)) return List.of();
        String domain = folderOwner(path, PENDING);
        if (domain == null) return List.of();
        String name = path.substring(PENDING.length() + domain.length() + 1);
        return VERDICT_FOLDERS.stream().map(folder -> folder + name).toList();
    }

    /** For {@code prefix + "x/rest"}, returns {@code x}; null if the path is not below such a folder. */
    private static String folderOwner(String path, String prefix) {
        String rest = remainder(path, prefix);
        if (rest == null) {
            return null;
        }
        int slash = rest.indexOf('/');
        return slash > 0 && slash < rest.length() - 1 ? rest.substring(0, slash) : null;
    }

    private static String remainder(String path, String prefix) {
        return path.startsWith(prefix) && path.length() > prefix.length() ? path.substring(prefix.length()) : null;
    }

    /** A non-empty {@code /}-separated relative path with no empty, {@code .} or {@code ..} segments. */
    static boolean isVaultRelative(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** One path changed by a commit. */
    public record Change(String path, Kind kind) {

        public enum Kind { ADD, MODIFY, DELETE }

        public Change {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }

        public static Change add(String path) {
            return new Change(path, Kind.ADD);
        }

        public static Change modify(String path) {
            return new Change(path, Kind.MODIFY);
        }

        public static Change delete(String path) {
            return new Change(path, Kind.DELETE);
        }
    }

    /** Changes an agent may commit, and those outside its zones (reported, never committed). */
    public record Partition(List<Change> allowed, List<Change> outside) {

        public Partition {
            allowed = List.copyOf(allowed);
            outside = List.copyOf(outside);
        }

        /** True iff nothing is outside the agent's zones. */
        public boolean isClean() {
            return outside.isEmpty();
        }
    }
}
