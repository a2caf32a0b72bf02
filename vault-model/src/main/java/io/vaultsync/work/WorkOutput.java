package io.vaultsync.work;

import io.vaultsync.OpsEvents;
import io.vaultsync.VaultException;
import io.vaultsync.gate.SecretGate;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker says to the person running the agent (each line prefixed with the agent's name; not
 * logged again, so that each event is one line), and its troubles: what went wrong with one path is said once while it stays the same, not
 * every pass. Paths are shown masked ({@link SecretGate#shown}): a token in a name is never printed.
 */
public final class WorkOutput {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOutput.class);

    private final String agent;
    private final PrintWriter out;
    /** What was last said about a path that could not be handled, by its path. */
    private final Map<String, String> troubles = new ConcurrentHashMap<>(); // the loop and the pool's threads tell

    private final OpsEvents events;

    public WorkOutput(String agent, PrintWriter out) {
        this(agent, out, OpsEvents.NONE);
    }

    /** Output that also tells {@code events} (the running agent's metrics) what the worker ran. */
    public WorkOutput(String agent, PrintWriter out, OpsEvents events) {
        this.agent = agent;
        this.out = out;
        this.events = java.util.Objects.requireNonNull(events, "events");
    }

    /** Who is told what the worker ran ({@link OpsEvents#NONE} unless {@code run} serves metrics). */
    public OpsEvents events() {
        return events;
    }

    /** Prints one line for the person running the agent, after the agent's name. */
    public void print(String line) {
        synchronized (out) {
            out.println(agent + ": " + line);
            out.flush();
        }
    }

    /** Says what went wrong with one path, once while it stays the same; the others go on. */
    public void reportTrouble(String path, String what, Exception e) {
        String line = what + ": " + (e instanceof VaultException ? e.getMessage() : "I/O error: " + e.getMessage());
        if (line.equals(troubles.put(path, line))) {
            LOG.debug("{}: {} (again)", SecretGate.shown(path), line);
            return;
        }
        print(SecretGate.shown(path) + ": " + line + "; the other tasks go on");
        LOG.debug("{}: {}", SecretGate.shown(path), what, e);
    }

    /** The path is fine again: a later trouble with it is said anew. */
    public void clearTrouble(String path) {
        troubles.remove(path);
    }
}
