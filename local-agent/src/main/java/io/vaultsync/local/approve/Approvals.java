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

    /**
     * Recorded (fsynced) before the approval is committed: an id here whose item never landed is harmless.
     *
     * @param draft the draft it approves ({@code Pending_Approval/<domain>/N}) and its {@code task} (or null):
     *              one approval per draft, so an item is executed at most once per draft
     */
    public static void record(Path gitDir, String approvalId, String item, String agent, Instant at, Draft draft) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("approval_id", approvalId);
        m.put("item", item);
        m.put("agent", agent);
        m.put("time", at.toString());
        m.put("draft", draft.path());
        if (draft.task() != null) m.put("task", draft.task());
        JsonLines.append(file(gitDir), m);
    }

    /** Which draft an approval is of: its path in {@code Pending_Approval/} and the task it was drafted for. */
    public record Draft(String path, String task) {
        /** The draft at {@code path} with the {@code task} named in its front matter, if any. */
        public static Draft of(String path, byte[] bytes) {
            String task = VerdictStamp.read(bytes).get("task");
            return new Draft(path, task == null || task.isBlank() ? null : task);
        }
    }

    /** An approval recorded earlier. */
    public record Prior(String approvalId, String item, String time) {}

    /**
     * The approval this machine already gave to {@code draft}, if any: the same path, and the same task where
     * both name one (a new draft for another task may reuse a name). A recorded approval without a draft
     * matches nothing.
     */
    public static java.util.Optional<Prior> prior(Path gitDir, Draft draft) throws IOException {
        for (Map<String, Object> m : JsonLines.read(file(gitDir))) {
            if (!draft.path().equals(m.get("draft"))) continue;
            Object task = m.get("task");
            if (task != null && draft.task() != null && !task.equals(draft.task())) continue;
            return java.util.Optional.of(new Prior(String.valueOf(m.get("approval_id")), String.valueOf(m.get("item")),
                    String.valueOf(m.get("time"))));
        }
        return java.util.Optional.empty();
    }

    public static Set<String> ids(Path gitDir) throws IOException {
        Set<String> out = new HashSet<>();
        for (Map<String, Object> m : JsonLines.read(file(gitDir))) {
            if (m.get("approval_id") instanceof String id) out.add(id);
        }
        return out;
    }
}
