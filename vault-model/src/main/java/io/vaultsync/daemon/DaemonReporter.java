package io.vaultsync.daemon;

import io.vaultsync.git.ScanScope;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.RunLoop;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.transport.Redact;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link DaemonFile} up to date from the loop: written at start, after each cycle (with the picture of
 * the work tree its scan left: the whole of it after a full scan, merged after a scan of some paths), and
 * when the loop idles with no file change seen (at most once a second); removed on close. A failed write is
 * logged and the loop goes on.
 */
public final class DaemonReporter implements RunLoop.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonReporter.class);
    private static final Duration QUIET_WRITES = Duration.ofSeconds(1);

    private final Path gitDir;
    private final LoopHealth health;
    private final Clock clock;
    private DaemonRecord record;
    private ScanScope scope = ScanScope.ALL;
    private boolean warned;

    public DaemonReporter(Path gitDir, LoopHealth health, Clock clock, Duration interval, boolean watching) {
        this.gitDir = gitDir;
        this.health = health;
        this.clock = clock;
        this.record = DaemonRecord.starting(ProcessHandle.current().pid(), clock.instant(), interval, watching);
    }

    /** Where the HTTP endpoint listens, or null: told by whoever starts it, written at once. */
    public synchronized void endpoint(String address) {
        record = record.withEndpoint(address);
        write();
    }

    public synchronized DaemonRecord record() {
        return record;
    }

    @Override
    public synchronized void started() {
        record = new DaemonRecord(record.pid(), clock.instant(), record.interval(), record.watching(), null, null, null,
                record.endpoint(), null, null);
        write();
    }

    @Override
    public synchronized void scanning(ScanScope s) {
        scope = s;
    }

    @Override
    public synchronized void cycled(SyncReport report, Duration took) {
        LoopHealth.Snapshot h = health.snapshot();
        Instant at = h.lastCycle() != null ? h.lastCycle() : clock.instant();
        DaemonRecord.Scan scan = null;
        try {
            DaemonRecord.TreeKey key = TreeKeys.of(gitDir);
            if (scope instanceof ScanScope.All) {
                scan = new DaemonRecord.Scan(at, key.head(), key.indexSize(), key.indexMillis(), 0, report.blocked(),
                        report.outsideZone());
            } else if (record.scan() != null && scope instanceof ScanScope.Paths p) {
                scan = record.scan().merge(p.paths(), at, key.head(), key.indexSize(), key.indexMillis(), report.blocked(),
                        report.outsideZone());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no scan picture after this cycle: {}", e.toString());
        }
        record = record.withCycle(at, h.lastOutcome(), redacted(h.lastError()), scan);
        write();
    }

    @Override
    public synchronized void cycleFailed(Exception e, Duration took) {
        LoopHealth.Snapshot h = health.snapshot();
        record = record.withCycle(h.lastCycle() != null ? h.lastCycle() : clock.instant(), h.lastOutcome(),
                redacted(h.lastError()), null);
        write();
    }

    @Override
    public synchronized void quiet() {
        Instant now = clock.instant();
        Instant last = record.quietAt();
        if (last != null && Duration.between(last, now).compareTo(QUIET_WRITES) < 0) return;
        record = record.withQuietAt(now);
        write();
    }

    private static String redacted(String error) {
        return error == null ? null : NotifyProtocol.oneLine(Redact.text(error), 500);
    }

    private void write() {
        try {
            DaemonFile.write(gitDir, record);
        } catch (IOException | RuntimeException e) {
            if (!warned) LOG.warn("cannot write {}: {}", DaemonFile.of(gitDir), e.toString());
            warned = true;
        }
    }

    /** The loop ended cleanly: the file goes. */
    @Override
    public synchronized void close() {
        try {
            DaemonFile.remove(gitDir, record.pid());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", DaemonFile.of(gitDir), e.toString());
        }
    }
}
