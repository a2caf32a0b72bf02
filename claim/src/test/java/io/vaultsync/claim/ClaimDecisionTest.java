package io.vaultsync.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.lease.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimDecisionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Optional<Lease> LIVE = Optional.of(Lease.fresh("x", null, NOW.minusSeconds(60), Duration.ofMinutes(30)));
    private static final Optional<Lease> EXPIRED = Optional.of(Lease.fresh("x", null, NOW.minusSeconds(3600), Duration.ofMinutes(30)));
    private static final Optional<Lease> EXACTLY_NOW = Optional.of(Lease.fresh("x", null, NOW.minus(Duration.ofMinutes(30)),
            Duration.ofMinutes(30)));

    static Stream<Arguments> claims() {
        return Stream.of(
                Arguments.of("unclaimed", true, Map.of(), ClaimDecision.Take.class, null),
                Arguments.of("nowhere", false, Map.of(), ClaimDecision.Missing.class, null),
                Arguments.of("mine", false, Map.of("me", LIVE), ClaimDecision.AlreadyYours.class, null),
                Arguments.of("mine even if expired", false, Map.of("me", EXPIRED), ClaimDecision.AlreadyYours.class, null),
                Arguments.of("held, live lease", false, Map.of("b", LIVE), ClaimDecision.HeldBy.class, "b"),
                Arguments.of("held, no lease (moved by hand)", false, Map.of("b", Optional.empty()), ClaimDecision.HeldBy.class, "b"),
                Arguments.of("held, lease expired", false, Map.of("b", EXPIRED), ClaimDecision.Take.class, "b"),
                Arguments.of("held, expires this instant", false, Map.of("b", EXACTLY_NOW), ClaimDecision.Take.class, "b"),
                Arguments.of("held and also in Needs_Action", true, Map.of("b", LIVE), ClaimDecision.HeldBy.class, "b"),
                Arguments.of("two holders, one live", false, Map.of("b", EXPIRED, "c", LIVE), ClaimDecision.HeldBy.class, "c"),
                Arguments.of("mine and another's", false, Map.of("b", LIVE, "me", LIVE), ClaimDecision.AlreadyYours.class, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void claim(String name, boolean unclaimed, Map<String, Optional<Lease>> holders, Class<?> expected, String agent) {
        ClaimDecision d = ClaimDecision.decide(new TaskPlaces("t.md", unclaimed, new LinkedHashMap<>(holders)), "me", NOW);

        assertThat(d).isInstanceOf(expected);
        if (d instanceof ClaimDecision.HeldBy h) assertThat(h.agent()).isEqualTo(agent);
        if (d instanceof ClaimDecision.Take t) assertThat(t.previous()).isEqualTo(agent);
    }

    static Stream<Arguments> ownership() {
        return Stream.of(
                Arguments.of("mine", false, Map.of("me", LIVE), ClaimDecision.Ownership.Mine.class),
                Arguments.of("someone else's", false, Map.of("b", EXPIRED), ClaimDecision.Ownership.HeldBy.class),
                Arguments.of("unclaimed", true, Map.of(), ClaimDecision.Ownership.Unclaimed.class),
                Arguments.of("nowhere", false, Map.of(), ClaimDecision.Ownership.Missing.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownership")
    void releaseOrHandoff(String name, boolean unclaimed, Map<String, Optional<Lease>> holders, Class<?> expected) {
        assertThat(ClaimDecision.ownership(new TaskPlaces("t.md", unclaimed, holders), "me")).isInstanceOf(expected);
    }
}
