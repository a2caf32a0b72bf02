package io.vaultsync.distribution.cli;

/** The exit codes of {@code distribute}, for CI: one place, named. */
public final class ExitCodes {
    /** Done, or nothing to do. */
    public static final int OK = 0;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** A rules file or the registry is bad (each problem printed as file:line: what). */
    public static final int BAD_CONFIG = 10;
    /** A validation check failed: nothing was pushed for that rule. */
    public static final int VALIDATION_BLOCKED = 11;
    /** A synced file was changed downstream outside the overrides. */
    public static final int DRIFT = 12;
    /** A downstream is stale (past a threshold). */
    public static final int STALE = 13;
    /** A downstream could not be fetched or refused the push. */
    public static final int UNREACHABLE = 14;
    /** Published with merge conflicts left on the PR branch (needs review). */
    public static final int CONFLICTS = 15;
    /** Anything else that stopped the command (a broken environment); the message says what. */
    public static final int FAILED = 1;

    private ExitCodes() {
    }
}
