package io.vaultsync.integrate;

import io.vaultsync.policy.TaskMove;

/**
 * A task move of ours that did not survive being put on top of the remote: the task had been moved on
 * there meanwhile. {@code holder} is the agent whose {@code In_Progress/} holds it on the remote now, or
 * null when it is in no one's (done, deleted, or back in {@code Needs_Action/}).
 */
public record LostClaim(TaskMove.Kind kind, String task, String path, String holder) {
    public String describe() {
        String what = switch (kind) {
            case CLAIM -> "claim of ";
            case TAKEOVER -> "takeover of ";
            case RELEASE -> "release of ";
            case HANDOFF -> "handoff of ";
            case RETURN -> "return of ";
        };
        return what + task + " undone: " + (holder == null ? "the task was moved on meanwhile" : "claimed by " + holder);
    }
}
