package io.vaultsync.sync;

import io.vaultsync.AgentBusyException;
import io.vaultsync.VaultStateException;
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

/**
 * One agent process per vault: an OS file lock on {@code .git/vaultsync/agent.lock}, released by the OS
 * when the process dies (so a kill -9 never leaves the vault locked). The file names the holder's pid.
 */
public final class AgentLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private AgentLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("agent.lock");
    }

    public static AgentLock acquire(Path gitDir) {
        Path f = file(gitDir);
        try {
            Files.createDirectories(f.getParent());
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                l = null;
            }
            if (l == null) {
                String holder = holder(ch);
                ch.close();
                throw new AgentBusyException("another agent is running on this vault" + holder
                        + "; stop it first (one agent process per vault)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new AgentLock(ch, l);
        } catch (IOException e) {
            throw new VaultStateException("cannot lock " + f + ": " + e.getMessage(), e);
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
            channel.close();
        }
    }
}
