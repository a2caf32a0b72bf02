package io.vaultsync.ops;

import io.vaultsync.PolicyException;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.journal.Journal;
import io.vaultsync.journal.JournalFiles;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.Candidates;
import io.vaultsync.sync.RunLoop;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link AgentMetrics} from what the loop tells: each cycle's result, duration and report, each look at
 * the remote; after each cycle it counts what is in the vault (open cards, claims held, journal records). Runs
 * on the loop's thread; a vault that cannot be counted is logged, never a failure of the loop.
 */
public final class MetricsListener implements RunLoop.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);

    private final AgentMetrics m;
    private final Path workTree;
    private final Path journal;
    private final String agent;
    private final Clock clock;
    private volatile boolean policyReadable = true;
    private volatile Instant confirmed;
    /** Journal lines counted so far, and up to which byte. */
    private long journalLines;
    private long journalBytes;
    /** Lines in the rotated journal files, and how many files they were (rotated files never change). */
    private long rotatedLines;
    private int rotatedFiles;

    public MetricsListener(AgentMetrics metrics, Clock clock, Path workTree, Path gitDir, String agent) {
        this.m = metrics;
        this.clock = clock;
        this.workTree = workTree;
        this.journal = Journal.file(gitDir);
        this.agent = agent;
    }

    /**
     * Whether the policy could be read: false after a cycle that failed on it or that held back an edit of it
     * that does not parse ({@link Candidates#UNREADABLE_POLICY}), until a cycle without either.
     */
    public boolean policyReadable() {
        return policyReadable;
    }

    /** When a look at the remote last found it where this clone left it, or null (for {@link Readiness}). */
    public Instant confirmed() {
        return confirmed;
    }

    @Override
    public void started() {
        countVault();
    }

    @Override
    public void peeked(boolean moved, Exception failure) {
        m.polls.labelValues(failure != null ? "error" : moved ? "moved" : "unchanged").inc();
        m.reachable.set(failure == null ? 1 : 0);
        if (failure == null && !moved) {
            // nothing to fetch and (the loop peeks only when no work is unfinished) nothing to push: in sync now
            confirmed = clock.instant();
            m.lastSuccess.set(confirmed.toEpochMilli() / 1000.0);
        }
    }

    @Override
    public void cycled(SyncReport report, Duration took) {
        // a policy edit that does not parse is held back (the policy in force stays): not ready until it is fixed
        policyReadable = report.blocked().stream().noneMatch(b -> b.rule().equals(Candidates.UNREADABLE_POLICY));
        SyncOutcome o = report.outcome();
        String result = o instanceof SyncOutcome.Synced ? "success" : o instanceof SyncOutcome.UpToDate ? "noop" : "error";
        m.cycles.labelValues(result).inc();
        m.cycleSeconds.labelValues(result).observe(seconds(took));
        boolean pushDenied = o instanceof SyncOutcome.Offline off && off.failure().kind() == TransportFailure.Kind.PUSH_DENIED;
        boolean reached = !(o instanceof SyncOutcome.Offline) || pushDenied;
        m.fetches.labelValues(reached ? "ok" : "error").inc();
        m.reachable.set(reached ? 1 : 0);
        if (o instanceof SyncOutcome.Synced s) {
            if (s.pushedCommits() > 0) m.pushes.labelValues("ok").inc();
            m.pushes.labelValues("lost_race").inc(s.lostRaces());
        }
        if (o instanceof SyncOutcome.Contended c) m.pushes.labelValues("lost_race").inc(c.attempts());
        if (pushDenied) m.pushes.labelValues("rejected").inc();
        if (o.completed()) m.lastSuccess.set(clock.millis() / 1000.0);
        m.committed.inc(report.committedPaths());
        Map<String, Long> byRule = report.blocked().stream().collect(Collectors.groupingBy(BlockedPath::rule,
                TreeMap::new, Collectors.counting()));
        AgentMetrics.setAll(m.blocked, byRule);
        m.outside.set(report.outsideZone().size());
        for (ConflictCard c : report.raised()) m.cardsOpened.labelValues(c.kind().yamlName()).inc();
        countVault();
    }

    @Override
    public void cycleFailed(Exception e, Duration took) {
        policyReadable = !(e instanceof PolicyException);
        m.cycles.labelValues("error").inc();
        m.cycleSeconds.labelValues("error").observe(seconds(took));
        if (e instanceof RemoteException) {
            m.fetches.labelValues("error").inc();
            m.reachable.set(0);
        }
        countVault();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** The gauges read from the vault: open cards by kind, claims held, journal records. */
    private void countVault() {
        try {
            Map<String, Long> byKind = CardFiles.open(workTree).stream().filter(e -> e.card() != null)
                    .collect(Collectors.groupingBy(e -> e.card().kind().yamlName(), TreeMap::new, Collectors.counting()));
            AgentMetrics.setAll(m.openCards, byKind);
            m.claimsHeld.set(filesIn(workTree.resolve("In_Progress").resolve(agent)));
            m.journalRecords.set(journalRecords());
        } catch (IOException | RuntimeException e) {
            LOG.warn("metrics: cannot count the vault's cards, claims or journal: {}", e.getMessage());
        }
    }

    private static long filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return 0;
        long n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) n++;
            }
        }
        return n;
    }

    /**
     * Lines in the journal: its rotated files counted once, and of the live file only what was appended since the
     * last count (all of it if it shrank).
     */
    private long journalRecords() throws IOException {
        java.util.List<Path> rotated = JournalFiles.rotated(journal.getParent().getParent());
        if (rotated.size() != rotatedFiles) {
            rotatedLines = 0;
            for (Path f : rotated) {
                try (java.util.stream.Stream<String> lines = Files.lines(f)) {
                    rotatedLines += lines.count();
                }
            }
            rotatedFiles = rotated.size();
        }
        return rotatedLines + liveRecords();
    }

    private long liveRecords() throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(journal)) {
            long size = ch.size();
            if (size < journalBytes) {
                journalBytes = 0;
                journalLines = 0;
            }
            ch.position(journalBytes);
            InputStream in = Channels.newInputStream(ch);
            byte[] buf = new byte[64 * 1024];
            long read = journalBytes;
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) if (buf[i] == '\n') journalLines++;
                read += n;
            }
            journalBytes = read;
            return journalLines;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
