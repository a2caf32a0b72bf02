package io.vaultsync.cli;

/** Every exit code of the agents' CLIs, in one place (also listed in the README). */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An unexpected failure; rerun with --verbose for the cause. */
    public static final int FAILURE = 1;
    /** Bad command line (picocli's usage error). */
    public static final int USAGE = 2;
    /** The remote could not be reached; local work is kept. */
    public static final int UNREACHABLE = 3;
    /** Reserved for claims: the task is claimed by another agent. */
    public static final int CLAIMED_BY_OTHER = 4;
    /** Another agent process holds the vault. */
    public static final int BUSY = 5;
    /** The directory is not a usable vault (not a clone, detached HEAD, wrong remote, ...). */
    public static final int BAD_VAULT = 6;
    /** The policy file is malformed. */
    public static final int BAD_POLICY = 7;
    /** Other writers kept winning the push race; nothing lost, try again. */
    public static final int CONTENDED = 8;

    private ExitCodes() {}
}
