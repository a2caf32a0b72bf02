package io.vaultsync.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a claimed task and until when, as written in the task's front matter. {@code handoffFrom}
 * and {@code note} are set when the task was handed over; {@code previous} records the claim this one
 * replaced after its lease expired.
 */
public record Lease(String agent, String machine, Instant claimedAt, Duration length, Instant expires,
        String handoffFrom, String note, String previous) {
    public static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);

    public Lease {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(expires, "expires");
    }

    public static Lease fresh(String agent, String machine, Instant now, Duration length) {
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Lease(agent, machine, at, length, at.plus(length), null, null, null);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /** A running holder renews once less than half the lease is left. */
    public boolean dueForRenewal(Instant now) {
        return Duration.between(now, expires).compareTo(length.dividedBy(2)) < 0;
    }

    public Lease renewed(Instant now) {
        return new Lease(agent, machine, claimedAt, length,
                now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(length), handoffFrom, note, previous);
    }

    public Lease handedOver(String from, String text) {
        return new Lease(agent, machine, claimedAt, length, expires, from, text, previous);
    }

    public Lease replacing(String record) {
        return new Lease(agent, machine, claimedAt, length, expires, handoffFrom, note, record);
    }
}
