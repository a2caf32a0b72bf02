package io.vaultsync.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a command's log lines go and how they look, decided from its options and environment (a pure
 * function: {@link LogbackSetup} applies it). Levels: errors only with -q, warnings for one-shot commands,
 * info for the daemon ({@code run}), debug with -v (and the SSH layer's own messages), trace with -vv.
 * Under systemd (JOURNAL_STREAM or INVOCATION_ID set) text lines carry no timestamp, which journald adds,
 * but a {@code <N>} syslog priority, which journald reads as the line's level.
 */
public record LogSetup(Level level, Level sshLevel, Level jgitLevel, boolean stackTraces, Style style, Rolling file) {
    /** Log levels, least to most severe. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    /** The shape of one line: timestamped text, text for the journal, or one JSON object. */
    public enum Style { TEXT, JOURNAL, JSON }

    /** A log file rolled when it reaches {@code maxBytes} and each day; {@code history} days and {@code totalCapBytes} kept. */
    public record Rolling(Path path, long maxBytes, int history, long totalCapBytes) {
        public Rolling {
            Objects.requireNonNull(path, "path");
            if (maxBytes < 1) throw new IllegalArgumentException("--log-max-size must be at least 1 byte");
            if (history < 1) throw new IllegalArgumentException("--log-max-history must be at least 1 day");
            if (totalCapBytes < maxBytes) {
                throw new IllegalArgumentException("--log-total-cap must be at least --log-max-size");
            }
        }
    }

    public LogSetup {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(sshLevel, "sshLevel");
        Objects.requireNonNull(jgitLevel, "jgitLevel");
        Objects.requireNonNull(style, "style");
    }

    /** What a command logs before its options are read (start-up, and a command line that does not parse). */
    public static final LogSetup DEFAULT = new LogSetup(Level.WARN, Level.ERROR, Level.WARN, false, Style.TEXT, null);

    /**
     * The setup for a command given these options; {@code daemon} for {@code run}; {@code env} the process
     * environment. Throws IllegalArgumentException (with a message naming the option) for contradictory or
     * malformed options.
     */
    public static LogSetup decide(LogOptions o, boolean daemon, Map<String, String> env) {
        int v = o.verbosity();
        if (o.quiet && v > 0) throw new IllegalArgumentException("-q/--quiet and -v/--verbose contradict each other");
        Level level = o.quiet ? Level.ERROR : v >= 2 ? Level.TRACE : v == 1 ? Level.DEBUG : daemon ? Level.INFO : Level.WARN;
        // the SSH layer's warnings repeat what the agent reports as a transport failure: all of it with -v
        Level ssh = o.quiet ? Level.ERROR : v >= 1 ? Level.DEBUG : Level.ERROR;
        Level jgit = o.quiet ? Level.ERROR : v >= 2 ? Level.DEBUG : Level.WARN;
        Rolling file = o.file == null ? null
                : new Rolling(o.file, bytes("--log-max-size", o.maxSize), o.maxHistory, bytes("--log-total-cap", o.totalCap));
        Style style = o.format == LogOptions.Format.json ? Style.JSON
                : file == null && underSystemd(env) ? Style.JOURNAL : Style.TEXT;
        return new LogSetup(level, ssh, jgit, v > 0, style, file);
    }

    static boolean underSystemd(Map<String, String> env) {
        return !env.getOrDefault("JOURNAL_STREAM", "").isEmpty() || !env.getOrDefault("INVOCATION_ID", "").isEmpty();
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(|B|KB|MB|GB)");

    /** A size such as {@code 512KB}, {@code 10MB}, {@code 1GB} or {@code 4096} (bytes), in bytes. */
    static long bytes(String option, String size) {
        Matcher m = SIZE.matcher(size.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException(option + ": '" + size + "' is not a size such as 512KB, 10MB or 1GB");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            default -> n;
        };
    }
}
