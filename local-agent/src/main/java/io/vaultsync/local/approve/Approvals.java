package io.vaultsync.local.approve;

import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The approvals a person made with this agent on this machine: {@code .git/vaultsync/approvals.jsonl},
 * never synced. The executors act only on items whose approval id is here, so an {@code Approved/} file
 * that arrived from elsewhere (however it got past the zones) is never acted on.
 */
public final class Approvals {
    private Approvals() {}

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("approvals.jsonl");
    }

    /** Recorded (fsynced) before the approval is committed: an id here whose item never landed is harmless. */
    public static void record(Path gitDir, String approvalId, String item, String agent, Instant at) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("approval_id", approvalId);
        m.put("item", item);
        m.put("agent", agent);
        m.put("time", at.toString());
        JsonLines.append(file(gitDir), m);
    }

    public static Set<String> ids(Path gitDir) throws IOException {
        Set<String> out = new HashSet<>();
        for (Map<String, Object> m : JsonLines.read(file(gitDir))) {
            if (m.get("approval_id") instanceof String id) out.add(id);
        }
        return out;
    }
}
