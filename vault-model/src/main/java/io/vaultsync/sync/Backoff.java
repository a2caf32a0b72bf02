package io.vaultsync.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with jitter for a lost push race: at most {@code maxAttempts} attempts, and no
 * new attempt once {@code patience} has passed since the first.
 */
public record Backoff(int maxAttempts, Duration first, Duration cap, Duration patience) {
    public static final Backoff DEFAULT = new Backoff(12, Duration.ofMillis(20), Duration.ofSeconds(2));

    public Backoff {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1");
        if (patience.isNegative()) throw new IllegalArgumentException("patience < 0");
    }

    /** Bounded by the number of attempts only. */
    public Backoff(int maxAttempts, Duration first, Duration cap) {
        this(maxAttempts, first, cap, Duration.ofSeconds(Long.MAX_VALUE));
    }

    /** The pause before attempt {@code n} (1-based; no pause before the first). */
    public Duration before(int n) {
        if (n <= 1) return Duration.ZERO;
        long base = Math.min(cap.toMillis(), first.toMillis() << Math.min(20, n - 2));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /** Whether attempt {@code n} may start, {@code elapsed} after the first one started. */
    public boolean mayTry(int n, Duration elapsed) {
        return n == 1 || (n <= maxAttempts && elapsed.compareTo(patience) < 0);
    }
}
