package io.vaultsync.distribution.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Staleness by days, releases missed and failures, with a fixed clock. */
class StalenessTest {
    static final Instant SYNCED = Instant.parse("2026-11-01T00:00:00Z");
    static final List<String> TAGS = List.of("v2.3.0", "v2.4.0", "v2.10.0", "not-a-version");

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, frequency, days after the sync, last version, failures, expected details (prefixes)
                Arguments.of("on_change at 14 days: fresh", "on_change", 14, "v2.10.0", 0, List.of()),
                Arguments.of("on_change at 15 days: stale", "on_change", 15, "v2.10.0", 0,
                        List.of("last synced 15 days ago (on_change allows 14)")),
                Arguments.of("on_release at 90 days: fresh", "on_release", 90, "v2.10.0", 0, List.of()),
                Arguments.of("on_release at 91 days: stale", "on_release", 91, "v2.10.0", 0, List.of("last synced 91 days ago")),
                Arguments.of("manual at 365 days: fresh", "manual", 365, "v2.10.0", 0, List.of()),
                Arguments.of("manual at 366 days: stale", "manual", 366, "v2.10.0", 0, List.of("last synced 366 days ago")),
                Arguments.of("one release missed: not yet", "on_release", 0, "v2.4.0", 0, List.of()),
                Arguments.of("two releases missed (numeric order, v2.10 > v2.4)", "on_release", 0, "v2.3.0", 0,
                        List.of("2 releases missed since v2.3.0 (newest v2.10.0)")),
                Arguments.of("a manual rule misses no release", "manual", 0, "v2.3.0", 0, List.of()),
                Arguments.of("three failures in a row", "manual", 0, "v2.10.0", 3, List.of("3 consecutive sync failures")),
                Arguments.of("everything at once", "on_change", 20, "v2.3.0", 5,
                        List.of("last synced 20 days ago", "2 releases missed", "5 consecutive")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void staleFromTable(String name, String frequency, int days, String lastVersion, int failures, List<String> expected) {
        MutableClock clock = new MutableClock(SYNCED);
        clock.advance(Duration.ofDays(days));
        var in = new Staleness.Input("copy-docs", "org/webapp", frequency, SYNCED, lastVersion, failures, TAGS);

        List<SyncAlert> alerts = Staleness.check(in, Staleness.Thresholds.defaults(), clock);

        assertThat(alerts).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(alerts.get(i).detail()).startsWith(expected.get(i));
            assertThat(alerts.get(i).kind()).isEqualTo(SyncAlert.Kind.STALE);
            assertThat(alerts.get(i).detectedAt()).isEqualTo(clock.instant());
        }
    }

    @Test
    void registryThresholdsOverrideTheDefaults() {
        MutableClock clock = new MutableClock(SYNCED.plus(Duration.ofDays(2)));
        var limits = Staleness.Thresholds.from(new Registry.Thresholds(null, null, 1, null, null));
        var in = new Staleness.Input("r", "d", "manual", SYNCED, "v2.10.0", 0, TAGS);

        assertThat(Staleness.check(in, limits, clock)).singleElement()
                .satisfies(a -> assertThat(a.detail()).isEqualTo("last synced 2 days ago (manual allows 1)"));
    }
}
