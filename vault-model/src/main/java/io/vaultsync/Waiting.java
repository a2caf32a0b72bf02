package io.vaultsync;

/** A short pause between tries for a lock; an interrupt ends the waiting with a {@link VaultStateException}. */
public final class Waiting {
    private Waiting() {}

    /** Sleeps {@code millis}; if interrupted, keeps the interrupt and fails "interrupted while waiting for {@code what}". */
    public static void pause(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultStateException("interrupted while waiting for " + what);
        }
    }
}
