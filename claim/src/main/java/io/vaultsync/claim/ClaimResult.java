package io.vaultsync.claim;

import io.vaultsync.lease.Lease;
import java.util.Optional;

/** How a claim, release or handoff ended. Each maps to one exit code of the CLI. */
public sealed interface ClaimResult {
    String task();

    /** The move is on the remote. */
    record Done(String task, String path, Optional<Lease> lease) implements ClaimResult {}

    /** The move is committed in this clone only: the remote was unreachable. */
    record Provisional(String task, String path, String reason) implements ClaimResult {}

    /** Another agent holds the task (found before moving, or on the remote after losing the race). */
    record HeldBy(String task, String agent, Optional<Lease> lease, boolean fresh) implements ClaimResult {}

    record AlreadyYours(String task, String path) implements ClaimResult {}

    /** Release or handoff of a task that sits unclaimed in {@code Needs_Action/}. */
    record NotClaimed(String task) implements ClaimResult {}

    /** In no task folder here, nor on the remote (after a refresh, when it is reachable). */
    record Missing(String task, boolean fresh) implements ClaimResult {}

    /** The push kept losing to other writers; the move stays committed here and the next sync decides. */
    record Contended(String task, String path, int attempts) implements ClaimResult {}
}
