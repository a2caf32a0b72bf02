package io.vaultsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.MutableClock;
import io.vaultsync.git.ScanScope;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.Candidates;
import io.vaultsync.sync.Integration;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon file as the loop keeps it: at start, after cycles (full and path scans), on quiet waits, gone on close. */
class DaemonReporterTest {
    @TempDir
    Path dir;

    Path gitDir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    LoopHealth health;
    DaemonReporter reporter;

    @BeforeEach
    void repo() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            gitDir = git.getRepository().getDirectory().toPath();
        }
        health = new LoopHealth(clock, System::nanoTime, Duration.ofSeconds(10));
        reporter = new DaemonReporter(gitDir, health, clock, Duration.ofSeconds(30), true);
    }

    static SyncReport report(List<BlockedPath> blocked, List<String> outside) {
        Integration i = new Integration(new SyncOutcome.UpToDate("abc"), List.of(), List.of(), List.of(), List.of(), List.of(), false);
        return new SyncReport("local_agent", List.of(), List.of(),
                List.of(new SyncReport.Round(new Candidates(List.of(), blocked, outside), i, List.of())));
    }

    DaemonRecord onDisk() {
        return DaemonFile.read(gitDir).running().orElseThrow();
    }

    void cycle(ScanScope scope, SyncReport r) {
        health.busy();
        reporter.scanning(scope);
        health.cycled(r, Duration.ZERO);
        reporter.cycled(r, Duration.ZERO);
    }

    @Test
    void aFullScanMakesThePictureAPathScanMergesIntoItAFailedCycleDropsIt() throws IOException {
        reporter.started();
        assertThat(onDisk().lastCycle()).isNull();
        assertThat(onDisk().pid()).isEqualTo(ProcessHandle.current().pid());

        cycle(ScanScope.ALL, report(List.of(new BlockedPath("Done/.env", "path:.env*")), List.of("Plans/x.md")));
        DaemonRecord.Scan full = onDisk().scan();
        assertThat(full.blocked()).extracting(BlockedPath::path).containsExactly("Done/.env");
        assertThat(full.outsideZone()).containsExactly("Plans/x.md");
        assertThat(onDisk().lastOutcome()).isEqualTo("UpToDate");

        cycle(ScanScope.paths(Set.of("Plans")), report(List.of(new BlockedPath("Plans/key.pem", "path:*.pem")), List.of()));
        assertThat(onDisk().scan().blocked()).extracting(BlockedPath::path).containsExactly("Done/.env", "Plans/key.pem");
        assertThat(onDisk().scan().outsideZone()).as("Plans/x.md was in the scope and is gone").isEmpty();

        health.cycleFailed(new IOException("disk https://u:pw@host/x full"), Duration.ZERO);
        reporter.cycleFailed(new IOException("ignored"), Duration.ZERO);
        assertThat(onDisk().scan()).isNull();
        assertThat(onDisk().lastError()).isEqualTo("disk https://host/x full");

        cycle(ScanScope.paths(Set.of("Done")), report(List.of(), List.of()));
        assertThat(onDisk().scan()).as("a path scan alone is no picture of the whole tree").isNull();
    }

    @Test
    void quietWaitsAreWrittenAtMostOnceASecondAndTheFileGoesOnClose() {
        reporter.started();
        cycle(ScanScope.ALL, report(List.of(), List.of()));
        reporter.quiet();
        Instant first = onDisk().quietAt();
        assertThat(first).isEqualTo(clock.instant());
        clock.advance(Duration.ofMillis(500));
        reporter.quiet();
        assertThat(onDisk().quietAt()).isEqualTo(first);
        clock.advance(Duration.ofMillis(600));
        reporter.quiet();
        assertThat(onDisk().quietAt()).isEqualTo(clock.instant());
        reporter.endpoint("127.0.0.1:9410");
        assertThat(onDisk().endpoint()).isEqualTo("127.0.0.1:9410");
        reporter.close();
        assertThat(DaemonFile.of(gitDir)).doesNotExist();
    }
}
