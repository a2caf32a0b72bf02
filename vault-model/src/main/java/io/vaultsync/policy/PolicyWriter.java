package io.vaultsync.policy;

import io.vaultsync.markdown.YamlText;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a {@link Policy} as the YAML {@link PolicyLoader} reads, with a header explaining the file. */
final class PolicyWriter {

    private static final String HEADER = """
            # vaultsync policy: the branch both agents sync, every agent, its role and where it may write.
            # This file is owned by the local agent: a change to it made by any other agent is a violation.
            # Zones and gate.deny are both gitignore patterns. A zone is anchored at the vault root and matches
            # files: a trailing '/' means the folder and everything below it, '*' matches within one path
            # segment, '**' across segments, '?' one character, '!' takes paths out again; anything else is an
            # exact path. An agent without 'zones' gets its role's defaults. Every agent may also write its
            # own Pending_Approval/conflicts/<agent>/; In_Progress/<agent>/ is only ever written by <agent>.
            # gate.maxFileSize: bytes, or a size like 512KB, 5MB, 1GB (1024-based);
            # gate.deny: extra patterns that are never synced, matched at any depth like a .gitignore.
            # signing_keys: the OpenSSH ed25519 public keys an agent signs its commits with (the vault's
            # .vaultsync/allowed_signers is written from them); revoked_keys: keys no longer trusted.
            # signatures_from: commits after this one must be signed (absent: an agent with keys must sign,
            # one without is known by its name).
            """;

    private PolicyWriter() {
    }

    static String render(Policy policy) {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("version: ").append(policy.version()).append('\n');
        out.append("branch: ").append(YamlText.scalar(policy.branch())).append('\n');
        out.append("agents:\n");
        for (AgentSpec agent : policy.agents()) {
            out.append("  - name: ").append(YamlText.scalar(agent.name())).append('\n');
            out.append("    role: ").append(agent.role().id()).append('\n');
            out.append("    zones: ").append(flowList(agent.zones())).append('\n');
            keyList(out, "signing_keys", agent.signingKeys());
            keyList(out, "revoked_keys", agent.revokedKeys());
        }
        out.append("gate:\n");
        out.append("  maxFileSize: ").append(Sizes.format(policy.gate().maxFileSize())).append('\n');
        out.append("  deny: ").append(flowList(policy.gate().deny())).append('\n');
        policy.signaturesFrom().ifPresent(id -> out.append("signatures_from: ").append(YamlText.scalar(id)).append('\n'));
        return out.toString();
    }

    /** One key a line (block list): keys are long, and a diff of the policy then shows one key per line. */
    private static void keyList(StringBuilder out, String key, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        out.append("    ").append(key).append(":\n");
        for (String k : keys) {
            out.append("      - ").append(YamlText.scalar(k)).append('\n');
        }
    }

    private static String flowList(List<String> items) {
        return items.stream().map(YamlText::scalar).collect(Collectors.joining(", ", "[", "]"));
    }
}
