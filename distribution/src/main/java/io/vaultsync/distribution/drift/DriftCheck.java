package io.vaultsync.distribution.drift;

import io.vaultsync.distribution.state.DownstreamState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what a sync wrote with what the downstream holds now. Pure: the recorded state, the SHA-256 of
 * each synced path at the downstream's head (absent: the file is gone), out come the alerts. Paths inside the
 * overrides folder are the downstream's own and never drift.
 */
public final class DriftCheck {
    private DriftCheck() {}

    /** The drift alerts of one rule's state in one downstream. */
    public static List<SyncAlert> check(String downstream, DownstreamState state, Map<String, String> currentSha256,
            String overridesFolder, Instant now) {
        List<SyncAlert> out = new ArrayList<>();
        for (Map.Entry<String, String> f : state.files().entrySet()) {
            String path = f.getKey();
            if (path.startsWith(overridesFolder)) continue;
            String found = currentSha256.get(path);
            if (f.getValue().equalsIgnoreCase(found == null ? "" : found)) continue;
            String detail = found == null
                    ? "deleted since the sync of " + state.version()
                    : "changed since the sync of " + state.version() + " (sha256 " + shortHash(f.getValue())
                            + " recorded, " + shortHash(found) + " found)";
            out.add(new SyncAlert(SyncAlert.Kind.DRIFT, state.rule(), downstream, path, detail,
                    remedy(state.rule(), path, overridesFolder, found == null), now));
        }
        return out;
    }

    /** What to do about a drifted file: re-sync to get upstream back, or keep the edit as an override. */
    static String remedy(String rule, String path, String overridesFolder, boolean deleted) {
        String resync = "re-sync (distribute publish --rule " + rule + ") to restore the synced file";
        return deleted ? resync + ", or stop syncing it (filters.exclude in the rule)"
                : resync + ", or move the change into " + overridesFolder + path + " so every sync keeps it";
    }

    private static String shortHash(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
