package io.vaultsync.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logging a command runs with: quiet for one-shot commands, INFO for the daemon, DEBUG (with stack
 * traces and the SSH layer's own messages) with --verbose. Given to the agents' Logback configuration as the
 * values of the variables its {@code logback.xml} names.
 */
record LogLevels(String level, boolean verbose) {
    static final String LEVEL = "vaultsync.log.level";
    static final String EXCEPTION = "vaultsync.log.exception";
    static final String SSH_LEVEL = "vaultsync.ssh.log.level";
    /** What {@code logback.xml} uses for a variable left unset (its {@code :-} defaults). */
    static final Map<String, String> DEFAULTS = Map.of(LEVEL, "WARN", EXCEPTION, "%nopex", SSH_LEVEL, "ERROR");

    static LogLevels of(String... args) {
        List<String> list = Arrays.asList(args);
        boolean verbose = list.contains("--verbose");
        return new LogLevels(verbose ? "DEBUG" : list.contains("run") ? "INFO" : "WARN", verbose);
    }

    /** The variables {@code logback.xml} reads; those left out take the defaults written there. */
    Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(LEVEL, level);
        if (verbose) {
            v.put(EXCEPTION, "%ex");
            v.put(SSH_LEVEL, "DEBUG");
        }
        return v;
    }
}
