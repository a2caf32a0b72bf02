package io.vaultsync.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The system ssh's process as JGit uses it. JGit asks for the exit code as soon as the process's output ends
 * (to tell "host key verification failed" from a hang-up), but the process may not have exited yet: the plain
 * {@link Process#exitValue()} then throws "process hasn't exited" and the failure loses its class. Here the
 * exit code is waited for, up to {@link #GRACE}; everything else is the process's own.
 */
final class ExitedProcess extends Process {
    /** How long the exit code is waited for once asked; a process still running then answers as before. */
    static final long GRACE = TimeUnit.SECONDS.toMillis(10);

    private final Process p;

    ExitedProcess(Process p) {
        this.p = p;
    }

    @Override
    public int exitValue() {
        try {
            p.waitFor(GRACE, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.exitValue();
    }

    @Override
    public boolean isAlive() {
        return p.isAlive();
    }

    @Override
    public OutputStream getOutputStream() {
        return p.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return p.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return p.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        return p.waitFor();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return p.waitFor(timeout, unit);
    }

    @Override
    public void destroy() {
        p.destroy();
    }

    @Override
    public Process destroyForcibly() {
        return p.destroyForcibly();
    }

    @Override
    public long pid() {
        return p.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return p.toHandle();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return p.onExit().thenApply(done -> this);
    }
}
