package io.vaultsync.daemon;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.Mappers;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.doctor.DaemonCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code .git/vaultsync/daemon.json}: a running agent's {@link DaemonRecord}, written whole (temp file then
 * rename) at start and after each cycle, removed on a clean stop. Reading it never fails: a missing, broken,
 * oversized or foreign file, or one whose process is gone, is no Java process or holds no daemon lock (a kill -9
 * leaves the file behind, and pids are reused), reads as {@link NotRunning} with the reason.
 */
public final class DaemonFile {
    /** Larger than any record an agent writes (blocked paths included); anything bigger is not ours. */
    static final long MAX_BYTES = 8L << 20;
    private static final ObjectReader READER = Mappers.JSON.readerFor(DaemonRecord.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DaemonFile() {}

    /** What reading the file found. */
    public sealed interface Seen {
        /** Whether a daemon runs; the record if so. */
        default Optional<DaemonRecord> running() {
            return this instanceof Running r ? Optional.of(r.record()) : Optional.empty();
        }
    }

    public record Running(DaemonRecord record) implements Seen {}

    public record NotRunning(String reason) implements Seen {}

    public static Path of(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("daemon.json");
    }

    public static void write(Path gitDir, DaemonRecord r) throws IOException {
        AtomicFiles.write(of(gitDir), Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
    }

    /** Removes the file if it is this process's own (a daemon that started after us keeps its file). */
    public static void remove(Path gitDir, long pid) throws IOException {
        Path f = of(gitDir);
        if (parse(f) instanceof Parsed.Ok ok && ok.record().pid() != pid) return;
        Files.deleteIfExists(f);
    }

    /** The file, judged against the process table. */
    public static Seen read(Path gitDir) {
        Parsed p = parse(of(gitDir));
        if (p instanceof Parsed.Bad bad) return new NotRunning(bad.reason());
        DaemonRecord r = ((Parsed.Ok) p).record();
        // this very process (a /status served by the daemon): never probe its own lock, closing the probe drops it
        if (r.pid() == ProcessHandle.current().pid()) return new Running(r);
        Optional<ProcessHandle> h = ProcessHandle.of(r.pid());
        boolean alive = h.map(ProcessHandle::isAlive).orElse(false);
        String command = h.flatMap(x -> x.info().command()).orElse(null);
        Boolean locked = null;
        if (alive) {
            try {
                locked = DaemonCheck.probe(gitDir).running();
            } catch (IOException e) {
                // the lock cannot be tried: the process table decides alone
            }
        }
        return judge(r, alive, command, locked);
    }

    /**
     * The decision: running only if the record's process is alive, is a Java process (its command unknown
     * counts as one: another user's process hides it, and that is how a system unit looks to a user), and some
     * process holds the daemon lock ({@code locked}; null: not known). A pid reused by another Java program
     * after a kill -9 fails the last test.
     */
    static Seen judge(DaemonRecord r, boolean alive, String command, Boolean locked) {
        if (!alive) return new NotRunning("not running (pid " + r.pid() + " is gone; the last one did not stop cleanly)");
        if (command != null && !isJava(command)) {
            return new NotRunning("not running (pid " + r.pid() + " is now " + Path.of(command).getFileName() + ", not an agent)");
        }
        if (Boolean.FALSE.equals(locked)) {
            return new NotRunning("not running (no agent holds the daemon lock; pid " + r.pid() + " is another program)");
        }
        return new Running(r);
    }

    static boolean isJava(String command) {
        Path name = Path.of(command).getFileName();
        return name != null && name.toString().startsWith("java");
    }

    private sealed interface Parsed {
        record Ok(DaemonRecord record) implements Parsed {}

        record Bad(String reason) implements Parsed {}
    }

    private static Parsed parse(Path f) {
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                return new Parsed.Bad(Files.exists(f, LinkOption.NOFOLLOW_LINKS)
                        ? "not running (" + f.getFileName() + " is not a regular file)" : "not running");
            }
            if (Files.size(f) > MAX_BYTES) return new Parsed.Bad("not running (" + f.getFileName() + " is too large to be ours)");
            try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                DaemonRecord r = READER.readValue(in);
                if (r == null) return new Parsed.Bad("not running (" + f.getFileName() + " is empty)");
                return new Parsed.Ok(r);
            }
        } catch (NoSuchFileException e) {
            return new Parsed.Bad("not running");
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return new Parsed.Bad("not running (" + f.getFileName() + " is unreadable: " + firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            return new Parsed.Bad("not known (cannot read " + f.getFileName() + ": " + e.getMessage() + ")");
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "no detail";
        return NotifyProtocol.oneLine(s.lines().findFirst().orElse(""), 160);
    }
}
