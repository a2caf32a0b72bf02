package io.vaultsync.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The trailers every agent commit carries: who, on which machine, which operation (and task, if any). */
public record Trailers(String agent, String machine, String operation, String task, String device) {
    public static final String AGENT = "Vaultsync-Agent";
    public static final String MACHINE = "Vaultsync-Machine";
    public static final String OPERATION = "Vaultsync-Operation";
    public static final String TASK = "Vaultsync-Task";
    public static final String DEVICE = "Vaultsync-Device";

    public Trailers(String agent, String machine, String operation, String task) {
        this(agent, machine, operation, task, null);
    }

    public Trailers {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(operation, "operation");
    }

    /** The same, for one task. */
    public Trailers withTask(String taskName) {
        return new Trailers(agent, machine, operation, taskName, device);
    }

    /** The full commit message: subject, blank line, trailers. */
    public String message(String subject) {
        StringBuilder sb = new StringBuilder(subject.strip()).append("\n\n");
        sb.append(AGENT).append(": ").append(agent).append('\n');
        sb.append(MACHINE).append(": ").append(machine).append('\n');
        sb.append(OPERATION).append(": ").append(operation).append('\n');
        if (task != null) sb.append(TASK).append(": ").append(task).append('\n');
        if (device != null) sb.append(DEVICE).append(": ").append(device).append('\n');
        return sb.toString();
    }

    /** Reads the trailers back from a commit message; absent keys map to null. */
    public static Map<String, String> parse(String message) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : message.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && line.startsWith("Vaultsync-")) out.put(line.substring(0, colon), line.substring(colon + 2).trim());
        }
        return out;
    }
}
