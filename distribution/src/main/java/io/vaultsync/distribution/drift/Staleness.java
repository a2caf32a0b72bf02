package io.vaultsync.distribution.drift;

import io.vaultsync.distribution.registry.Registry;
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
 * more days since the last sync than the rule's frequency allows, releases (tags {@code vX.Y.Z}) newer than
 * the last synced version, and consecutive failed attempts.
 */
public final class Staleness {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

    private Staleness() {}

    /**
     * The limits: {@code maxDays} per frequency word ({@code on_release}, {@code on_change}, {@code manual});
     * {@code releasesMissed}: alert from this many newer tags (not for manual rules, which run only when asked);
     * {@code failures}: alert from this many consecutive failures. The same numbers as the registry's
     * {@code thresholds} and its defaults, so {@code drift} and the {@code registry} table agree.
     */
    public record Thresholds(Map<String, Integer> maxDays, int releasesMissed, int failures) {
        public Thresholds {
            maxDays = Map.copyOf(maxDays);
            if (releasesMissed < 1 || failures < 1) throw new IllegalArgumentException("thresholds must be at least 1");
        }

        /** The registry's thresholds of one downstream. */
        public static Thresholds from(Registry.Thresholds t) {
            return new Thresholds(Map.of("on_release", t.onReleaseDays(), "on_change", t.onChangeDays(), "manual", t.manualDays()),
                    t.releasesMissed(), t.consecutiveFailures());
        }

        /** The registry's defaults. */
        public static Thresholds defaults() {
            return from(Registry.Thresholds.DEFAULT);
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
            if (days > maxDays) {
                out.add(alert(in, "last synced " + days + " days ago (" + in.frequency() + " allows " + maxDays + ")", resync, now));
            }
        }
        List<String> missed = newerThan(in.tags(), in.lastVersion());
        if (!in.frequency().equals("manual") && in.lastVersion() != null && missed.size() >= limits.releasesMissed()) {
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
