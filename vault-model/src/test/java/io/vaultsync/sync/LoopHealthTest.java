package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.TransportFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The loop's liveness as the watchers see it: a step or a wait overstayed by hang_after is a hung loop. */
class LoopHealthTest {
    static final long S = 1_000_000_000L;
    static final Duration HANG = Duration.ofSeconds(10);

    final AtomicLong nanos = new AtomicLong(1_000 * S);
    final LoopHealth health = new LoopHealth(Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC), nanos::get, HANG);

    void after(long seconds) {
        nanos.addAndGet(seconds * S);
    }

    @Test
    void startingCountsAsAliveForHangAfter() {
        assertThat(health.alive()).isTrue();
        after(9);
        assertThat(health.alive()).isTrue();
        after(1);
        assertThat(health.alive()).as("never started within hang_after").isFalse();
    }

    @Test
    void aBusyStepIsHungOnceItRunsLongerThanHangAfter() {
        health.started();
        health.busy();
        after(9);
        assertThat(health.alive()).isTrue();
        after(2);
        assertThat(health.alive()).isFalse();
        health.waiting(Duration.ofSeconds(30));
        assertThat(health.alive()).as("the step ended: alive again").isTrue();
    }

    @Test
    void aWaitIsAliveUntilItIsOverstayedByHangAfter() {
        health.started();
        health.waiting(Duration.ofSeconds(30));
        after(39);
        assertThat(health.alive()).isTrue();
        after(2);
        assertThat(health.alive()).as("woke 11 s late, or never").isFalse();
        health.busy();
        assertThat(health.alive()).isTrue();
    }

    @Test
    void aFailedCycleKeepsItsTransportKindAndTheLastSuccess() {
        health.started();
        health.cycleFailed(new RemoteException(new TransportFailure(TransportFailure.Kind.AUTH_REFUSED, "refused", "fix the key"),
                null), Duration.ofSeconds(1));
        health.cycleFailed(new IllegalStateException("boom"), Duration.ofSeconds(1));
        LoopHealth.Snapshot s = health.snapshot();
        assertThat(s.lastOutcome()).isEqualTo("failed");
        assertThat(s.lastError()).isEqualTo("boom");
        assertThat(s.lastFailure()).as("not a transport failure").isNull();
        assertThat(s.failedInRow()).isEqualTo(2);
        assertThat(s.lastSuccess()).isNull();
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
    }

    @Test
    void stoppingIsRemembered() {
        health.started();
        assertThat(health.snapshot().stopping()).isFalse();
        health.stopping();
        assertThat(health.snapshot().stopping()).isTrue();
    }
}
