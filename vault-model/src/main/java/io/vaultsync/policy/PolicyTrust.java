package io.vaultsync.policy;

import io.vaultsync.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether a newer version of the policy file takes over from the one in force: only when the policy's
 * owner (an agent with the local role in the policy in force) wrote it, and only when it can be read.
 * Anyone else's version, and an unreadable one, leave the policy in force as it is. A pure decision.
 */
public final class PolicyTrust {
    private PolicyTrust() {}

    /** What a version of the policy file does to the policy in force. */
    public sealed interface Decision {
        /** It is the new policy in force. */
        record Accept(Policy policy) implements Decision {}

        /** It is not applied; {@code why} says so in words a person reads. */
        record Ignore(String why) implements Decision {}
    }

    /**
     * @param inForce the policy in force before this version
     * @param writer  the agent the commit speaks for under {@code inForce}, or null for a plain git user
     * @param before  the bytes in force, {@code after} the new version's bytes
     */
    public static Decision next(Policy inForce, String writer, byte[] before, byte[] after) {
        if (Arrays.equals(before, after)) return new Decision.Ignore("unchanged");
        boolean owner = writer != null && inForce.agent(writer).map(a -> a.role() == Role.LOCAL).orElse(false);
        if (!owner) {
            return new Decision.Ignore("written by " + (writer == null ? "a plain git user" : writer)
                    + ", not by the policy's owner (the local agent)");
        }
        try {
            return new Decision.Accept(PolicyLoader.parse(new String(after, StandardCharsets.UTF_8), Policy.PATH));
        } catch (PolicyException e) {
            return new Decision.Ignore("unreadable: " + e.getMessage());
        }
    }
}
