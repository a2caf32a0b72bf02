package io.vaultsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.ops.Readiness.Reason;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.transport.TransportFailure.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /readyz} from a table: what the loop last did, the clock and stale_after, and the reasons it says. */
class ReadinessTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final Duration STALE = Duration.ofSeconds(90);

    /** A loop started 10 min ago whose last success was {@code agoSeconds} ago (negative: never). */
    static LoopHealth.Snapshot loop(long agoSeconds, Kind failure, int failedInRow, boolean stopping) {
        Instant success = agoSeconds < 0 ? null : NOW.minusSeconds(agoSeconds);
        return new LoopHealth.Snapshot(NOW.minusSeconds(600), 0, false, NOW.minusSeconds(1), success,
                failedInRow > 0 ? "failed" : "Synced", failedInRow > 0 ? "why" : null, failure, failedInRow, stopping);
    }

    static Stream<Arguments> table() {
        LoopHealth.Snapshot notStarted = new LoopHealth.Snapshot(null, 0, true, null, null, null, null, null, 0, false);
        return Stream.of(
                Arguments.of("a fresh success", loop(5, null, 0, false), true, List.of()),
                Arguments.of("a success exactly stale_after ago", loop(90, null, 0, false), true, List.of()),
                Arguments.of("a success older than stale_after", loop(91, null, 0, false), true, List.of(Reason.STALE)),
                Arguments.of("offline, still within stale_after", loop(30, Kind.UNREACHABLE, 3, false), true, List.of()),
                Arguments.of("the remote gone longer than stale_after", loop(300, Kind.NOT_FOUND, 9, false), true,
                        List.of(Reason.STALE)),
                Arguments.of("credentials refused: not ready at once", loop(10, Kind.AUTH_REFUSED, 1, false), true,
                        List.of(Reason.AUTH_FAILED)),
                Arguments.of("host key not trusted, and stale", loop(200, Kind.SERVER_UNTRUSTED, 5, false), true,
                        List.of(Reason.STALE, Reason.HOST_KEY)),
                Arguments.of("an old auth failure followed by a success", loop(5, Kind.AUTH_REFUSED, 0, false), true, List.of()),
                Arguments.of("the policy unreadable", loop(5, null, 1, false), false, List.of(Reason.POLICY_UNREADABLE)),
                Arguments.of("never synced since the start", loop(-1, Kind.UNREACHABLE, 2, false), true,
                        List.of(Reason.NOT_SYNCED)),
                Arguments.of("the loop not started", notStarted, true, List.of(Reason.NOT_STARTED)),
                Arguments.of("stopping", loop(5, null, 0, true), true, List.of(Reason.STOPPING)));
    }

    @ParameterizedTest(name = "last cycle {0} s ago, last look in sync {1} s ago: {2}")
    @org.junit.jupiter.params.provider.CsvSource({"300, 10, ready", "300, 91, stale", "300, -1, stale", "10, 300, ready",
        "-1, 10, ready"})
    void anIdleAgentsLookThatFindsTheRemoteUnchangedCountsAsInSync(long cycleAgo, long lookAgo, String says) {
        Instant look = lookAgo < 0 ? null : NOW.minusSeconds(lookAgo);
        Readiness.Verdict v = Readiness.decide(loop(cycleAgo, null, 0, false), look, NOW, STALE, true);
        assertThat(v.ready() ? "ready" : v.reasons().get(0).code()).isEqualTo(says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void readinessSaysEveryReasonItIsNotReady(String name, LoopHealth.Snapshot s, boolean policyReadable, List<Reason> reasons) {
        Readiness.Verdict v = Readiness.decide(s, null, NOW, STALE, policyReadable);
        assertThat(v.reasons()).isEqualTo(reasons);
        assertThat(v.ready()).isEqualTo(reasons.isEmpty());
        assertThat(v.lastSuccess()).isEqualTo(s.lastSuccess());
    }
}
