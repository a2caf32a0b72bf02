package io.vaultsync;

/**
 * What a running agent's own work tells the people who watch it (the metrics of {@code run --http}): lease
 * renewals and returns, handler and executor runs. Every method does nothing by default, so a one-shot
 * command and a test pass {@link #NONE}. Called from the loop's or a worker's thread; implementations are
 * thread-safe.
 */
public interface OpsEvents {
    OpsEvents NONE = new OpsEvents() { };

    /** This agent renewed the lease of a task it holds (or gave one to a task moved in by hand). */
    default void leaseRenewed() { }

    /** This agent returned another agent's task whose lease had expired. */
    default void leaseExpired() { }

    /**
     * A command of the role ran to its end.
     *
     * @param command {@code handler} or {@code executor}
     * @param type    the task type or the domain that chose the command
     * @param ok      whether it succeeded
     */
    default void commandRan(String command, String type, boolean ok) { }
}
