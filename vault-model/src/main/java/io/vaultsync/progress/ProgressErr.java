package io.vaultsync.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A CLI command's standard error, which knows whether a progress line may be drawn on it: the CLI wraps its
 * stderr in one, and {@link Progress#forCli} reads it. Everything printed goes straight through to the
 * wrapped writer (flushed at each line, as stderr is); a progress line drawn on it is cleared first, so a
 * message (an error in the middle of a clone) never lands on the tail of a progress line.
 *
 * <p>Java 17 cannot tell whether stderr itself is a terminal: {@code System.console() != null} (stdin and
 * stdout are) stands for it, and {@code VAULTSYNC_PROGRESS=always|never} overrides it (scripts, tests). A
 * command run with -q, and the daemon ({@code run}), never show progress.
 */
public final class ProgressErr extends PrintWriter {
    /** The environment variable that overrides the terminal check. */
    public static final String ENV = "VAULTSYNC_PROGRESS";
    /** A phase shorter than this shows nothing. */
    public static final Duration AFTER = Duration.ofSeconds(2);
    /** A system property (an ISO-8601 duration, e.g. {@code PT0S}) that lowers {@link #AFTER}: for tests of the jars. */
    public static final String AFTER_PROPERTY = "vaultsync.progress.after";

    /** What {@code VAULTSYNC_PROGRESS} asks for: decide by the terminal (unset or anything else), always, never. */
    public enum Mode {
        AUTO, ALWAYS, NEVER;

        /** The mode an environment value asks for; an unknown value is {@link #AUTO}. */
        public static Mode of(String value) {
            if (value == null) return AUTO;
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "always" -> ALWAYS;
                case "never" -> NEVER;
                default -> AUTO;
            };
        }
    }

    private final Mode mode;
    private final boolean console;
    private final Duration after;
    private final LongSupplier nanoClock;
    private volatile boolean quiet;
    private volatile boolean daemon;
    private int drawn; // the width of the progress line on the terminal now, 0 for none; guarded by lock

    private ProgressErr(PrintWriter err, Mode mode, boolean console, Duration after, LongSupplier nanoClock) {
        super(Objects.requireNonNull(err, "err"), true);
        this.mode = Objects.requireNonNull(mode, "mode");
        this.console = console;
        this.after = Objects.requireNonNull(after, "after");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * The stderr of this process's command: its environment, whether it has a console, and
     * {@value #AFTER_PROPERTY} if set (a value that does not parse is ignored).
     */
    public static ProgressErr forProcess(PrintWriter err) {
        Duration after = AFTER;
        try {
            String p = System.getProperty(AFTER_PROPERTY);
            if (p != null && !Duration.parse(p).isNegative()) after = Duration.parse(p);
        } catch (java.time.format.DateTimeParseException ignored) {
            // the default threshold
        }
        return of(err, System.getenv(), System.console() != null, after, System::nanoTime);
    }

    /** The stderr of a command run from a shell: {@code env} the environment, {@code console} whether there is one. */
    public static ProgressErr of(PrintWriter err, Map<String, String> env, boolean console) {
        return of(err, env, console, AFTER, System::nanoTime);
    }

    /** As above, with a phase shown once it has run {@code after} by {@code nanoClock} (tests lower it). */
    public static ProgressErr of(PrintWriter err, Map<String, String> env, boolean console, Duration after,
            LongSupplier nanoClock) {
        return new ProgressErr(err, Mode.of(env.get(ENV)), console, after, nanoClock);
    }

    /** Told once the command line is parsed: whether it asked for -q, and whether it runs the daemon. */
    public void command(boolean quietAsked, boolean runsDaemon) {
        this.quiet = quietAsked;
        this.daemon = runsDaemon;
    }

    /** Whether a progress line is drawn on this stderr. */
    public boolean shows() {
        return shows(mode, console, quiet, daemon);
    }

    /** The decision: never under the daemon or -q; else as the environment says, or where there is a terminal. */
    public static boolean shows(Mode mode, boolean console, boolean quiet, boolean daemon) {
        if (daemon || quiet) return false;
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> console;
        };
    }

    /** Draws {@code line} in place of the progress line there is ({@code \r}, blanking what a longer one left). */
    void draw(String line) {
        synchronized (lock) {
            StringBuilder b = new StringBuilder(1 + Math.max(line.length(), drawn)).append('\r').append(line);
            for (int i = line.length(); i < drawn; i++) b.append(' ');
            super.write(b.toString(), 0, b.length());
            super.flush();
            drawn = line.length();
        }
    }

    /** Blanks the progress line, if one is drawn, and puts the cursor back at its start. */
    void clearLine() {
        synchronized (lock) {
            if (drawn == 0) return;
            String blank = "\r" + " ".repeat(drawn) + "\r";
            drawn = 0;
            super.write(blank, 0, blank.length());
            super.flush();
        }
    }

    @Override
    public void println() { // PrintWriter writes the line end straight to the wrapped writer
        synchronized (lock) {
            clearLine();
            super.println();
        }
    }

    @Override
    public void write(int c) {
        synchronized (lock) {
            clearLine();
            super.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        synchronized (lock) {
            clearLine();
            super.write(buf, off, len);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        synchronized (lock) {
            clearLine();
            super.write(s, off, len);
        }
    }

    /** How long a phase runs before it is shown. */
    public Duration after() {
        return after;
    }

    /** The clock a display measures phases by, in nanoseconds. */
    public LongSupplier nanoClock() {
        return nanoClock;
    }
}
