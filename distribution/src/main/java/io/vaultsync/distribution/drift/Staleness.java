package io.vaultsync.distribution.drift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a rule's sync of a downstream has gone stale. Pure over its inputs and an injected {@link Clock}:
 * days since the last sync against the threshold of the rule's frequency, releases (tags {@code vX.Y.Z})
 * newer than the last synced version, and consecutive failed attempts.
 */
public final class Staleness {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

    private Staleness() {}

    /**
     * The limits. {@code maxDays} per frequency word ({@code on_change}, {@code on_release}; a frequency with no
     * entry, like {@code manual}, never ages); {@code releasesMissed}: alert from this many newer tags;
     * {@code failures}: alert from this many consecutive failures.
     */
    public record Thresholds(Map<String, Integer> maxDays, int releasesMissed, int failures) {
        public Thresholds {
            maxDays = Map.copyOf(maxDays);
            if (releasesMissed < 1 || failures < 1) throw new IllegalArgumentException("thresholds must be at least 1");
        }

        /** on_change 7 days, on_release 30 days, manual never; 2 releases missed; 3 failures in a row. */
        public static Thresholds defaults() {
            return new Thresholds(Map.of("on_change", 7, "on_release", 30), 2, 3);
        }

        /** These thresholds with the registry's values (keys {@code on_change_days}, {@code on_release_days},
         * {@code manual_days}, {@code releases_missed}, {@code consecutive_failures}) laid over them. */
        public Thresholds with(Map<String, Integer> registry) {
            Map<String, Integer> days = new java.util.HashMap<>(maxDays);
            registry.forEach((k, v) -> {
                if (k.endsWith("_days")) days.put(k.substring(0, k.length() - "_days".length()), v);
            });
            return new Thresholds(days, registry.getOrDefault("releases_missed", releasesMissed),
                    registry.getOrDefault("consecutive_failures", failures));
        }
    }

    /** What the source-side ledger knows of one (rule, downstream); {@code lastSync} and {@code lastVersion} null before any sync. */
    public record Input(String rule, String downstream, String frequency, Instant lastSync, String lastVersion,
            int consecutiveFailures, List<String> tags) {
        public Input {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(downstream, "downstream");
            Objects.requireNonNull(frequency, "frequency");
            tags = List.copyOf(tags);
        }
    }

    /** The staleness alerts for one (rule, downstream) at {@code clock}'s now. */
    public static List<SyncAlert> check(Input in, Thresholds limits, Clock clock) {
        Instant now = clock.instant();
        List<SyncAlert> out = new ArrayList<>();
        Integer maxDays = limits.maxDays().get(in.frequency());
        String resync = "run distribute publish --rule " + in.rule() + " (or find why it does not run)";
        if (maxDays != null && in.lastSync() != null) {
            long days = Duration.between(in.lastSync(), now).toDays();
            if (days >= maxDays) {
                out.add(alert(in, "last synced " + days + " days ago (" + in.frequency() + " allows " + maxDays + ")", resync, now));
            }
        }
        List<String> missed = newerThan(in.tags(), in.lastVersion());
        if (in.lastVersion() != null && missed.size() >= limits.releasesMissed()) {
            out.add(alert(in, missed.size() + " releases missed since " + in.lastVersion() + " (newest " + missed.get(0) + ")",
                    resync, now));
        }
        if (in.consecutiveFailures() >= limits.failures()) {
            out.add(alert(in, in.consecutiveFailures() + " consecutive sync failures",
                    "read the last validation report (distribute status) and fix what blocks the sync", now));
        }
        return out;
    }

    /** The release tags newer than {@code version}, newest first; all of them when {@code version} is null. */
    static List<String> newerThan(List<String> tags, String version) {
        Optional<int[]> last = parse(version);
        return tags.stream().filter(t -> parse(t).isPresent())
                .filter(t -> last.isEmpty() || compare(parse(t).get(), last.get()) > 0)
                .sorted(Comparator.comparing((String t) -> parse(t).get(), Staleness::compare).reversed())
                .toList();
    }

    private static Optional<int[]> parse(String v) {
        if (v == null) return Optional.empty();
        Matcher m = VERSION.matcher(v);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        }
        return 0;
    }

    private static SyncAlert alert(Input in, String detail, String remedy, Instant now) {
        return new SyncAlert(SyncAlert.Kind.STALE, in.rule(), in.downstream(), null, detail, remedy, now);
    }
}
