package io.vaultsync.local.dashboard;

import io.vaultsync.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code Dashboard.md} shows, gathered by {@link DashboardInputs} and rendered by
 * {@link DashboardView}. Nothing here changes from one quiet cycle to the next, so a quiet vault gets no
 * new dashboard commit.
 *
 * @param counts  visible files per folder, in display order
 * @param drafts  vault paths of the drafts waiting in {@code Pending_Approval/<domain>/}
 * @param cards   the open decision cards
 * @param agents  each agent of the policy with its last sync
 * @param done    items in {@code Done/}, newest first
 * @param signals the signals in {@code Updates/}, newest first
 */
public record DashboardData(Map<String, Integer> counts, List<String> drafts, List<Card> cards, List<Agent> agents,
        List<DoneItem> done, List<SignalFile> signals) {

    public record Card(String id, String kind, String path, String raisedBy) {}

    /** An agent's newest commit on the branch that did more than rewrite the dashboard; null fields: none yet. */
    public record Agent(String name, String role, Instant lastSync, String machine, String commit, String health) {}

    public record DoneItem(String path, Instant executedAt) {}

    public record SignalFile(String path, Signal signal) {}
}
