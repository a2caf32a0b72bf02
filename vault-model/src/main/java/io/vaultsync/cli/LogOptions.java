package io.vaultsync.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The logging options every command takes (a mixin on the root command, inherited by each subcommand, so
 * {@code local-agent -v sync ...} and {@code local-agent sync ... -v} mean the same). Read after parsing by
 * {@link LogSetup#decide}.
 */
public final class LogOptions {
    /** The output a log line takes. */
    public enum Format { text, json }

    private boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log errors only.")
    boolean quiet;

    @Option(names = "--log-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Log to FILE instead of stderr, rolled by size and by day (FILE.<date>.<n>.log).")
    Path file;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "text",
            description = "text (one line per event) or json (one JSON object per line); default ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Option(names = "--log-max-size", paramLabel = "SIZE", scope = ScopeType.INHERIT, defaultValue = "10MB",
            description = "With --log-file: roll the file when it reaches SIZE, e.g. 512KB, 10MB (default ${DEFAULT-VALUE}).")
    String maxSize = "10MB";

    @Option(names = "--log-max-history", paramLabel = "DAYS", scope = ScopeType.INHERIT, defaultValue = "14",
            description = "With --log-file: keep rolled files this many days (default ${DEFAULT-VALUE}).")
    int maxHistory = 14;

    @Option(names = "--log-total-cap", paramLabel = "SIZE", scope = ScopeType.INHERIT, defaultValue = "200MB",
            description = "With --log-file: delete the oldest rolled files beyond SIZE in all (default ${DEFAULT-VALUE}).")
    String totalCap = "200MB";

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail: -v debug logging and stack traces, -vv trace logging.")
    void verbose(boolean[] v) {
        verbose = v.clone();
    }

    /** How many times -v was given. */
    public int verbosity() {
        return verbose.length;
    }

    /** Whether errors show their stack traces (-v). */
    public boolean stackTraces() {
        return verbose.length > 0;
    }
}
