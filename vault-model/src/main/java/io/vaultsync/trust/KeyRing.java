package io.vaultsync.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signing keys of the policy in force, by fingerprint: which agent each listed key belongs to, and which
 * keys an agent had and revoked. Keys are matched by their OpenSSH SHA256 fingerprint ({@code SHA256:...}, as
 * {@code ssh-keygen -l} prints it), the same value JGit's SSH verifier reports for the key inside a signature,
 * so nothing from the signed commit itself is ever taken as a key: only the policy's lines are.
 *
 * @param listed  fingerprint to the agent that lists it
 * @param revoked fingerprint to the agent that revoked it
 */
public record KeyRing(Map<String, String> listed, Map<String, String> revoked) {
    public static final KeyRing EMPTY = new KeyRing(Map.of(), Map.of());

    public KeyRing {
        listed = Map.copyOf(listed);
        revoked = Map.copyOf(revoked);
    }

    /** From each agent's key lines ({@code ssh-ed25519 AAAA... comment}); a listed key wins over a revoked one. */
    public static KeyRing of(Map<String, List<String>> listedByAgent, Map<String, List<String>> revokedByAgent) {
        Map<String, String> listed = new LinkedHashMap<>();
        Map<String, String> revoked = new LinkedHashMap<>();
        revokedByAgent.forEach((agent, keys) -> keys.forEach(k -> revoked.put(fingerprint(k), agent)));
        listedByAgent.forEach((agent, keys) -> keys.forEach(k -> {
            listed.put(fingerprint(k), agent);
            revoked.remove(fingerprint(k));
        }));
        return new KeyRing(listed, revoked);
    }

    /** The keys the policy lists and revokes, agent by agent. */
    public static KeyRing of(io.vaultsync.policy.Policy policy) {
        Map<String, List<String>> listed = new LinkedHashMap<>();
        Map<String, List<String>> revoked = new LinkedHashMap<>();
        for (io.vaultsync.policy.AgentSpec a : policy.agents()) {
            listed.put(a.name(), a.signingKeys());
            revoked.put(a.name(), a.revokedKeys());
        }
        return of(listed, revoked);
    }

    /**
     * Whether the agent lists at least one key, or revoked one: from then on it is judged by signature only (an
     * agent whose every key was revoked proves nothing until it lists a new one).
     */
    public boolean hasKeys(String agent) {
        return agent != null && (listed.containsValue(agent) || revoked.containsValue(agent));
    }

    public boolean isEmpty() {
        return listed.isEmpty();
    }

    public Optional<String> agentOf(String fingerprint) {
        return Optional.ofNullable(listed.get(fingerprint));
    }

    public Optional<String> revokedBy(String fingerprint) {
        return Optional.ofNullable(revoked.get(fingerprint));
    }

    /** The OpenSSH SHA256 fingerprint of a public key line: SHA-256 of the key blob, base64 without padding. */
    public static String fingerprint(String keyLine) {
        Objects.requireNonNull(keyLine, "keyLine");
        String[] parts = keyLine.strip().split("[ \\t]+");
        if (parts.length < 2) throw new IllegalArgumentException("not an OpenSSH public key line");
        byte[] blob = Base64.getDecoder().decode(parts[1].getBytes(StandardCharsets.US_ASCII));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
