package io.vaultsync.daemon;

import io.vaultsync.sync.BlockedPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a running agent ({@code run}) says about itself in {@code .git/vaultsync/daemon.json}, for {@code status}
 * and for people: who it is, since when, how its last cycle went, where its endpoint listens, and its last
 * scan of the work tree. Never synced; never a credential (errors are redacted before they get here).
 *
 * @param pid         the agent's process id
 * @param started     when the loop started
 * @param interval    how often the loop asks the remote (the freshness of {@link #scan} is judged by it)
 * @param watching    whether a file watcher drives the loop (only then does {@link #quietAt} mean anything)
 * @param lastCycle   when the last cycle ended, or null before the first
 * @param lastOutcome how it ended (Synced, Offline, ..., or failed), or null
 * @param lastError   what the last failed cycle said, or null once one succeeds
 * @param endpoint    where the HTTP endpoint listens ({@code host:port}), or null for none
 * @param scan        the work tree as the daemon's scans last saw it, or null when it has no complete picture
 * @param quietAt     when the watcher last had seen no change since {@link #scan}, or null
 */
public record DaemonRecord(long pid, Instant started, Duration interval, boolean watching, Instant lastCycle,
        String lastOutcome, String lastError, String endpoint, Scan scan, Instant quietAt) {

    /**
     * The daemon's picture of the work tree after a cycle: what {@code status} would otherwise scan for.
     *
     * @param at           when the cycle that made it ended
     * @param head         the commit HEAD pointed at then
     * @param indexSize    the size of {@code .git/index} then (with its time: a commit or add by hand changes both)
     * @param indexMillis  its modification time then, in milliseconds
     * @param pending      paths the next cycle would commit (0 after a cycle: it committed what it saw)
     * @param blocked      paths the secret gate holds back
     * @param outsideZone  changed paths outside this agent's zones
     */
    public record Scan(Instant at, String head, long indexSize, long indexMillis, int pending, List<BlockedPath> blocked,
            List<String> outsideZone) {
        public Scan {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(head, "head");
            blocked = List.copyOf(blocked);
            outsideZone = List.copyOf(outsideZone);
        }

        /**
         * This picture after a cycle whose scan looked only at {@code scope} (files or folders): what it saw
         * under those paths replaces what this one had there; the rest stands (nothing changed there, or the
         * watcher would have put it in the scope).
         */
        public Scan merge(Set<String> scope, Instant newAt, String newHead, long newIndexSize, long newIndexMillis,
                List<BlockedPath> newBlocked, List<String> newOutside) {
            Predicate<String> in = p -> scope.stream().anyMatch(s -> p.equals(s) || p.startsWith(s + "/"));
            Map<String, BlockedPath> b = new TreeMap<>();
            blocked.stream().filter(x -> !in.test(x.path())).forEach(x -> b.put(x.path(), x));
            newBlocked.forEach(x -> b.put(x.path(), x));
            Set<String> o = new TreeSet<>();
            outsideZone.stream().filter(x -> !in.test(x)).forEach(o::add);
            o.addAll(newOutside);
            return new Scan(newAt, newHead, newIndexSize, newIndexMillis, 0, List.copyOf(b.values()), List.copyOf(o));
        }
    }

    public DaemonRecord {
        if (pid <= 0) throw new IllegalArgumentException("pid must be positive");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(interval, "interval");
    }

    public static DaemonRecord starting(long pid, Instant started, Duration interval, boolean watching) {
        return new DaemonRecord(pid, started, interval, watching, null, null, null, null, null, null);
    }

    public DaemonRecord withCycle(Instant at, String outcome, String error, Scan newScan) {
        return new DaemonRecord(pid, started, interval, watching, at, outcome, error, endpoint, newScan, null);
    }

    public DaemonRecord withEndpoint(String newEndpoint) {
        return new DaemonRecord(pid, started, interval, watching, lastCycle, lastOutcome, lastError, newEndpoint, scan, quietAt);
    }

    public DaemonRecord withQuietAt(Instant at) {
        return new DaemonRecord(pid, started, interval, watching, lastCycle, lastOutcome, lastError, endpoint, scan, at);
    }

    /** What the state of the work tree is keyed by: HEAD's commit and the index file's size and time. */
    public record TreeKey(String head, long indexSize, long indexMillis) {}

    /**
     * Whether {@code status} may take {@link #scan} instead of scanning, at {@code now} with the tree keyed
     * {@code key}: the daemon watches the tree, has a complete scan, its watcher saw no change since that scan
     * as of {@code quietAt}, which is younger than one interval plus a margin, and neither HEAD nor the index
     * moved since (a {@code sync}, a commit or {@code git add} by hand).
     */
    public boolean scanUsable(Instant now, TreeKey key) {
        if (!watching || scan == null || quietAt == null || key == null) return false;
        if (quietAt.isBefore(scan.at())) return false;
        Duration margin = interval.compareTo(Duration.ofSeconds(5)) > 0 ? interval : Duration.ofSeconds(5);
        if (Duration.between(quietAt, now).compareTo(interval.plus(margin)) > 0) return false;
        return key.equals(new TreeKey(scan.head(), scan.indexSize(), scan.indexMillis()));
    }
}
