package io.vaultsync.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vault's shared policy: the branch both agents sync and every agent with its role, write zones and
 * signing keys. Stored in the vault at {@link #PATH}, owned by the local-role agent(s). Read and written by
 * {@link PolicyLoader}; enforced by {@link Zones}.
 *
 * <p>{@code signaturesFrom}: the commit (40 hex) from which on signatures are required. Every commit that
 * is a strict descendant of it must be signed by a listed key; it and its ancestors (the base history an
 * agent adopted, commits made before the vault signed) are judged as before signing. Absent while no agent
 * lists a key; absent with keys (a vault that signed from its first commit), an agent with listed keys must sign
 * and one without is known by its name, as before signing ({@code git/CommitTrust}).
 */
public record Policy(int version, String branch, List<AgentSpec> agents, GateSettings gate, Optional<String> signaturesFrom) {

    /** Vault-relative path of the policy file. */
    public static final String PATH = ".vaultsync/policy.yaml";
    /** The only policy format version this code reads and writes. */
    public static final int VERSION = 1;
    public static final String DEFAULT_BRANCH = "main";
    /** Obsidian's settings folder, in the local agent's zone by default. */
    public static final String OBSIDIAN = ".obsidian/";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");
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
        Objects.requireNonNull(signaturesFrom, "signaturesFrom");
        if (signaturesFrom.isPresent() && !isCommitId(signaturesFrom.get())) {
            throw new IllegalArgumentException("signatures_from '" + signaturesFrom.get() + "' is not a 40-hex commit id");
        }
    }

    /** A policy without signing (the form before commits were signed). */
    public Policy(int version, String branch, List<AgentSpec> agents, GateSettings gate) {
        this(version, branch, agents, gate, Optional.empty());
    }

    /** This policy with {@code agent} in place of the agent of the same name. */
    public Policy withAgent(AgentSpec agent) {
        if (agent(agent.name()).isEmpty()) {
            throw new IllegalArgumentException("no agent '" + agent.name() + "' in the policy");
        }
        List<AgentSpec> list = agents.stream().map(a -> a.name().equals(agent.name()) ? agent : a).toList();
        return new Policy(version, branch, list, gate, signaturesFrom);
    }

    /** This policy with other agents, its other settings kept. */
    public Policy withAgents(List<AgentSpec> newAgents) {
        return new Policy(version, branch, newAgents, gate, signaturesFrom);
    }

    /** This policy with another gate, its other settings kept. */
    public Policy withGate(GateSettings newGate) {
        return new Policy(version, branch, agents, newGate, signaturesFrom);
    }

    /** This policy requiring signatures on the descendants of {@code commitId} (empty: on every commit). */
    public Policy withSignaturesFrom(Optional<String> commitId) {
        return new Policy(version, branch, agents, gate, commitId);
    }

    /** Whether any agent lists a signing key: from then on, agents' commits are judged by their signatures. */
    public boolean hasSigningKeys() {
        return agents.stream().anyMatch(a -> !a.signingKeys().isEmpty());
    }

    /** A full lower-case commit id. */
    public static boolean isCommitId(String id) {
        return id != null && COMMIT_ID.matcher(id).matches();
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
