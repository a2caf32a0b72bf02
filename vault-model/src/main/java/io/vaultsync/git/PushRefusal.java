package io.vaultsync.git;

import java.util.Locale;

/**
 * Whether a push the server answered with "rejected, other reason" lost a race (a ref lock held by a
 * concurrent push, the ref moved meanwhile: fetch and try again) or was refused (a hook, a protected
 * branch, no write access: trying again changes nothing).
 */
final class PushRefusal {
    private PushRefusal() {}

    static boolean isRace(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.isEmpty() || m.contains("lock") || m.contains("stale info") || m.contains("fetch first")
                || m.contains("non-fast-forward") || m.contains("expected") || m.contains("failed to update ref")
                || m.contains("internal server error") || m.contains("unpacker error") && m.contains("race");
    }
}
