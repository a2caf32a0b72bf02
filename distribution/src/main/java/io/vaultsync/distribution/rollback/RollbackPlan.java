package io.vaultsync.distribution.rollback;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.state.DownstreamState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which earlier sync a rollback restores, decided from the downstream's history of one rule's state file
 * (each commit of the default branch that changed it, newest first). Pure.
 */
public final class RollbackPlan {
    private RollbackPlan() {}

    /** The state of a rule as one downstream commit recorded it. */
    public record Point(String commit, DownstreamState state) {
        public Point {
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(state, "state");
        }
    }

    /** The chosen pair: the state now ({@code from}) and the earlier sync to restore ({@code to}). */
    public record Choice(Point from, Point to) {}

    /**
     * {@code history[0]} is the state at the head. With {@code toVersion} null, the newest earlier sync of a
     * different version or source commit; else the newest sync of {@code toVersion}. No such sync is an error
     * naming the versions there are.
     */
    public static Choice choose(List<Point> history, String rule, String toVersion) {
        if (history.isEmpty()) throw new DistributionException("rule " + rule + " never synced this downstream: nothing to roll back");
        Point now = history.get(0);
        for (Point p : history.subList(1, history.size())) {
            boolean differs = !p.state().version().equals(now.state().version())
                    || !p.state().sourceCommit().equals(now.state().sourceCommit());
            if (toVersion == null ? differs : p.state().version().equals(toVersion)) {
                if (toVersion != null && !differs) break;
                return new Choice(now, p);
            }
        }
        TreeSet<String> versions = new TreeSet<>();
        history.forEach(p -> versions.add(p.state().version()));
        String what = toVersion == null ? "no earlier sync" : "no earlier sync of " + toVersion;
        throw new DistributionException("rule " + rule + ": " + what + " than the current " + now.state().version()
                + " (synced versions: " + String.join(", ", versions) + ")");
    }

    /** The rollback branch: {@code agent33-sync/rollback/v2.3.0/copy-docs} for prefix agent33. */
    public static String branch(String prefix, String toVersion, String rule) {
        String v = toVersion.startsWith("v") ? toVersion : "v" + toVersion;
        return prefix + "-sync/rollback/" + v + "/" + rule;
    }

    /** The synced paths the rollback writes: every path either state lists, in order. */
    public static List<String> paths(Choice c) {
        TreeSet<String> all = new TreeSet<>(c.from().state().files().keySet());
        all.addAll(c.to().state().files().keySet());
        return new ArrayList<>(all);
    }
}
