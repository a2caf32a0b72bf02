package io.vaultsync.local.approve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
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
        JsonLines.append(file(gitDir), new Line(approvalId, item, agent, at.toString(), draft.path(), draft.task()));
    }

    /** One line of the file, as Jackson writes and reads it; {@code task} only where the draft names one. */
    record Line(@JsonProperty("approval_id") String approvalId, String item, String agent, String time, String draft,
            @JsonInclude(JsonInclude.Include.NON_NULL) String task) {}

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
        for (Line a : JsonLines.read(file(gitDir), Line.class)) {
            if (!draft.path().equals(a.draft())) continue;
            if (a.task() != null && draft.task() != null && !a.task().equals(draft.task())) continue;
            return java.util.Optional.of(new Prior(String.valueOf(a.approvalId()), String.valueOf(a.item()),
                    String.valueOf(a.time())));
        }
        return java.util.Optional.empty();
    }

    public static Set<String> ids(Path gitDir) throws IOException {
        Set<String> out = new HashSet<>();
        for (Line a : JsonLines.read(file(gitDir), Line.class)) {
            if (a.approvalId() != null) out.add(a.approvalId());
        }
        return out;
    }
}
