package io.vaultsync.sync;

import io.vaultsync.Waiting;
import io.vaultsync.AgentBusyException;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.Durations;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * OS file locks under {@code .git/vaultsync/}, released by the OS when the process dies (so a kill -9
 * never leaves the vault locked); each file names its holder's pid. {@code agent.lock} is held for one
 * cycle or one command (others wait their turn); {@code daemon.lock} by {@code run} for its whole life.
 */
public final class AgentLock implements AutoCloseable {
    /** The lock held; its channel is the open lock file, closed with it. */
    private final FileLock lock;

    private AgentLock(FileLock lock) {
        this.lock = lock;
    }

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("agent.lock");
    }

    public static Path daemonFile(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("daemon.lock");
    }

    /** The vault lock, now or never: held for one cycle or one command. */
    public static AgentLock acquire(Path gitDir) {
        return acquire(gitDir, Duration.ZERO);
    }

    /** How long a command waits for a running agent's cycle to finish before it gives up (exit 5). */
    public static final Duration COMMAND_WAIT = Duration.ofSeconds(60);

    /**
     * The vault lock, waiting up to {@code wait} for a running agent to finish its cycle: a command run by
     * hand next to a running daemon takes its turn instead of failing.
     */
    public static AgentLock acquire(Path gitDir, Duration wait) {
        return lock(file(gitDir), wait, "another agent process is working on this vault%s; try again when it is done");
    }

    /** Held by {@code run} for its whole life: one daemon per vault. */
    public static AgentLock daemon(Path gitDir) {
        return lock(daemonFile(gitDir), Duration.ZERO,
                "another agent is running on this vault%s; stop it first (one agent process per vault)");
    }

    private static AgentLock lock(Path f, Duration wait, String busy) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            Files.createDirectories(f.getParent());
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            while ((l = tryLock(ch)) == null && System.nanoTime() < deadline) {
                Waiting.pause(50, "the vault lock");
            }
            if (l == null) {
                String holder = holder(ch);
                ch.close();
                throw new AgentBusyException(busy.formatted(holder + (wait.isZero() ? "" : " (waited " + Durations.format(wait) + ")")));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new AgentLock(l);
        } catch (IOException e) {
            throw new VaultStateException("cannot lock " + f + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null;
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = ch.read(buf, 0);
            String pid = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lock.channel().close();
        }
    }
}
