package io.vaultsync.process;

import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configured command (a handler, an executor) as a child process: no shell, output (stdout and
 * stderr together) to a file so a chatty command never blocks on a full pipe, a time limit after which
 * the process and its descendants are stopped. Only the tail of the output is kept for reports. The command
 * runs in a process group of its own ({@link ProcessGroups}).
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** The most output a report keeps (the end of it). */
    public static final int TAIL_BYTES = 2048;

    private CommandRunner() {}

    /**
     * @param exitCode the process's exit status; -1 when it was stopped at the time limit or could not start
     * @param tail     the last lines it printed (at most {@link #TAIL_BYTES} bytes), or why it did not start
     */
    public record Result(int exitCode, boolean timedOut, boolean started, String tail, Duration took) {
        public boolean ok() {
            return started && !timedOut && exitCode == 0;
        }

        /** One line for a person: {@code exit 3}, {@code timed out after 5m}, {@code could not start: ...}. */
        public String summary() {
            if (!started) return "could not start: " + tail;
            if (timedOut) return "timed out after " + took.toSeconds() + "s";
            return "exit " + exitCode;
        }
    }

    public static Result run(List<String> argv, Map<String, String> env, Path outputFile, Duration timeout)
            throws InterruptedException {
        return run(argv, env, outputFile, timeout, started -> { });
    }

    /**
     * Runs the command in a process group of its own where {@link ProcessGroups#available() there can be one}
     * (it then survives a kill of the agent, and a stop at the time limit takes its whole group: SIGTERM, then
     * SIGKILL after {@link ProcessGroups#GRACE}). {@code started} learns who the child is as soon as it runs
     * (not where {@code /proc} is missing), so that a later agent can tell whether it still runs.
     */
    public static Result run(List<String> argv, Map<String, String> env, Path outputFile, Duration timeout,
            Consumer<ProcessIdentity> started) throws InterruptedException {
        long t0 = System.nanoTime();
        if (argv.isEmpty()) throw new IllegalArgumentException("no command");
        Optional<String> missing = missing(argv.get(0));
        if (missing.isPresent()) return new Result(-1, false, false, missing.get(), Duration.ofNanos(System.nanoTime() - t0));
        boolean ownGroup = ProcessGroups.available();
        ProcessBuilder pb = new ProcessBuilder(ProcessGroups.launch(argv)).redirectErrorStream(true)
                .redirectOutput(outputFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().putAll(env);
        Process p;
        try {
            Files.createDirectories(outputFile.getParent());
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, false, false, String.valueOf(e.getMessage()), Duration.ofNanos(System.nanoTime() - t0));
        }
        Optional<ProcessIdentity> who = ownGroup ? ProcessIdentity.leaderOf(p.pid()) : ProcessIdentity.of(p.pid());
        try {
            who.ifPresent(started);
        } catch (RuntimeException e) {
            LOG.warn("{}: the running call could not be recorded ({}); a restarted agent may call it again", argv.get(0),
                    e.getMessage());
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop(p, who);
            throw e;
        }
        if (!finished) stop(p, who);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        return new Result(finished ? p.exitValue() : -1, !finished, true, tail(outputFile), took);
    }

    private static void stop(Process p, Optional<ProcessIdentity> who) throws InterruptedException {
        if (who.isPresent()) {
            ProcessGroups.stop(who.get(), ProcessGroups.GRACE);
        } else {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Why a program cannot be run, found before it is started (through setsid, a missing program would
     * only show as exit 127): a path must name an executable file, a bare name one on {@code PATH}.
     */
    static Optional<String> missing(String program) {
        List<String> dirs = program.contains("/") ? List.of("")
                : List.of(Optional.ofNullable(System.getenv("PATH")).orElse("/bin:/usr/bin").split(":", -1));
        for (String dir : dirs) {
            Path f = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(f) && Files.isExecutable(f)) return Optional.empty();
        }
        return Optional.of("Cannot run program \"" + program + "\": no executable file of that name"
                + (program.contains("/") ? "" : " on PATH"));
    }

    /** The end of a command's output file as text (empty if there is none), starting at a line boundary when cut. */
    public static String tailOf(Path file) {
        return Files.exists(file) ? tail(file) : "";
    }

    /** Output scanned in chunks this large (each overlapping the last by {@link #OVERLAP}): bounded memory. */
    static final int CHUNK = 256 * 1024;
    static final int OVERLAP = 16 * 1024;
    /** Output beyond this is not scanned, and so not shown. */
    static final long MAX_SCANNED = 256L * 1024 * 1024;

    /**
     * The end of a file as text, starting at a line boundary when it was cut. The whole output is scanned for
     * secrets first (streamed): a tail whose output held one anywhere, before the cut too, is replaced by a
     * note saying so, and never reaches a card, an outcome or a log.
     */
    static String tail(Path file) {
        Optional<String> secret = secretIn(file);
        if (secret.isPresent()) {
            return "[output not shown: it held a secret (" + secret.get() + "); it stays in " + file + " on this machine]";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - TAIL_BYTES);
            byte[] b = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(b);
            String s = new String(b, StandardCharsets.UTF_8);
            if (from > 0 && s.indexOf('\n') >= 0) s = s.substring(s.indexOf('\n') + 1);
            return s.strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The rule of the first secret anywhere in the file, or "size-limit" when it is too large to scan. */
    static Optional<String> secretIn(Path file) {
        SecretGate gate = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > MAX_SCANNED) return Optional.of(SecretGate.RULE_SIZE_LIMIT);
            byte[] window = new byte[OVERLAP + CHUNK];
            int kept = 0;
            while (true) {
                int n = in.readNBytes(window, kept, CHUNK);
                if (n <= 0) return Optional.empty();
                Verdict v = gate.checkContent("output", Arrays.copyOf(window, kept + n));
                if (v instanceof Verdict.Blocked b) return Optional.of(b.rule());
                int total = kept + n;
                kept = Math.min(OVERLAP, total);
                System.arraycopy(window, total - kept, window, 0, kept);
            }
        } catch (IOException e) {
            return Optional.empty(); // no output file: nothing to show either
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
