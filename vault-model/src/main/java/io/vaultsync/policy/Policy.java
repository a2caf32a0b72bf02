package io.vaultsync.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vault's shared policy: the branch both agents sync and every agent with its role and write zones.
 * Stored in the vault at {@link #PATH}, owned by the local-role agent(s). Read and written by
 * {@link PolicyLoader}; enforced by {@link Zones}.
 */
public record Policy(int version, String branch, List<AgentSpec> agents, GateSettings gate) {

    /** Vault-relative path of the policy file. */
    public static final String PATH = ".vaultsync/policy.yaml";
    /** The only policy format version this code reads and writes. */
    public static final int VERSION = 1;
    public static final String DEFAULT_BRANCH = "main";
    /** Obsidian's settings folder, in the local agent's zone by default. */
    public static final String OBSIDIAN = ".obsidian/";
    private static final Pattern BAD_REF_CHARS = Pattern.compile("[\\x00-\\x20\\x7f~^:?*\\[\\\\]");

    public Policy {
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported policy version " + version + " (expected " + VERSION + ")");
        }
        Objects.requireNonNull(branch, "branch");
        if (!isValidBranch(branch)) {
            throw new IllegalArgumentException("bad branch name '" + branch + "'");
        }
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(gate, "gate");
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one agent");
        }
        Set<String> names = new HashSet<>();
        for (AgentSpec agent : agents) {
            if (!names.add(agent.name())) {
                throw new IllegalArgumentException("duplicate agent name '" + agent.name() + "'");
            }
        }
        if (agents.stream().noneMatch(a -> a.role() == Role.LOCAL)) {
            throw new IllegalArgumentException("a policy needs at least one agent with role local");
        }
    }

    /** Version 1, branch {@code main}, one cloud and one local agent with the default zones. */
    public static Policy defaults(String cloudName, String localName) {
        return new Policy(VERSION, DEFAULT_BRANCH,
                List.of(AgentSpec.withDefaultZones(cloudName, Role.CLOUD),
                        AgentSpec.withDefaultZones(localName, Role.LOCAL)),
                GateSettings.defaults());
    }

    /** The zones an agent of this role gets when its policy entry omits {@code zones}. */
    public static List<String> defaultZones(Role role, String agentName) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agentName, "agentName");
        String own = "In_Progress/" + agentName + "/";
        return switch (role) {
            case CLOUD -> List.of("Needs_Action/", "Pending_Approval/", "Updates/", "Plans/", own);
            // .obsidian/: an Obsidian vault's settings, plugins and themes (its per-device state is denylisted)
            case LOCAL -> List.of("Approved/", "Rejected/", "Done/", "Dashboard.md", own, OBSIDIAN);
        };
    }

    public Optional<AgentSpec> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** A usable branch name, by the rules of {@code git check-ref-format --branch}. */
    public static boolean isValidBranch(String branch) {
        if (branch == null || branch.isEmpty() || branch.startsWith("-") || branch.equals("@")
                || branch.contains("..") || branch.contains("@{") || BAD_REF_CHARS.matcher(branch).find()) {
            return false;
        }
        for (String part : branch.split("/", -1)) {
            if (part.isEmpty() || part.startsWith(".") || part.endsWith(".") || part.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }
}
