package io.vaultsync.work;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The pure decisions of the {@link CommandWorker}: did a run succeed, may a pass start another, what a card says. */
public final class CommandRuns {
    /** A pass with this budget never stops early. */
    public static final Duration UNLIMITED = ChronoUnit.FOREVER.getDuration();

    private CommandRuns() {}

    /** How one run ended: {@code detail} goes to the ledger (the summary, or why an exit 0 is a failure). */
    public record Ran(boolean ok, String detail) {}

    /**
     * A run succeeded when it exited 0 and lacks nothing; the detail is the runner's summary unless an exit 0
     * lacks something (then it is what is lacking).
     */
    public static Ran judge(boolean exitOk, String summary, Optional<String> lacking) {
        if (!exitOk) return new Ran(false, summary);
        return lacking.map(l -> new Ran(false, l)).orElseGet(() -> new Ran(true, summary));
    }

    /** A pass starts no further command once one has run and it has lasted its budget. */
    public static boolean spent(boolean ran, Duration elapsed, Duration budget) {
        return ran && elapsed.compareTo(budget) >= 0;
    }

    /** The ledger detail of a start. */
    public static String attempt(int attempt, boolean afterInterruption) {
        return "attempt " + attempt + (afterInterruption ? " (after an interruption)" : "");
    }

    /** Why a failure card was raised, for the person who decides it. */
    public static String cardReason(String label, String command, int failures, String lastFailure, String path) {
        return "The " + label + " " + command + " failed " + failures + " times in a row (last: " + lastFailure
                + "). It stays in " + path + " and is not tried again until this card is decided.";
    }

    /**
     * A key as a plain file name in one folder: every character other than letters, digits, {@code . _ -}
     * becomes {@code _}, and a name of dots alone (or none) is prefixed with {@code _}, so no key names the
     * folder itself or its parent.
     */
    public static String fileName(String key) {
        String name = key.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.matches("\\.*") ? "_" + name : name;
    }
}
