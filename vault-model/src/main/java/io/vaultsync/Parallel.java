package io.vaultsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a piece of work for each index 0..n-1 on a few threads, each thread with a resource of its own (a
 * JGit reader is not shared between threads), taking the indexes in blocks. The caller keeps results by
 * index, so their order does not depend on the threads. The first failure stops the rest and is thrown.
 * Used where a profile showed one thread waiting on the file system: checking out a clone, reading and
 * gating the files of a big sync.
 */
public final class Parallel {
    /** Indexes a thread takes at a time: small enough to share the work, big enough to cost nothing. */
    static final int BLOCK = 32;

    private Parallel() {}

    /** What is done for one index, with the thread's resource. */
    @FunctionalInterface
    public interface Work<R> {
        void run(R resource, int index) throws IOException;
    }

    /** The threads a big piece of file work gets: one per core. */
    public static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code work} for every index below {@code n} on up to {@code threads} threads (in the caller's
     * when one is enough), each with a resource from {@code resource}, closed at its end when closeable.
     */
    public static <R> void forEach(int n, int threads, Supplier<R> resource, Work<R> work) throws IOException {
        forEach(n, threads, BLOCK, resource, work);
    }

    /**
     * As above, each thread taking {@code block} indexes at a time: 1 where an index is already a batch of
     * work (the shards of a work-tree scan, the files of one folder), each then on a thread of its own.
     */
    public static <R> void forEach(int n, int threads, int block, Supplier<R> resource, Work<R> work) throws IOException {
        if (block < 1) throw new IllegalArgumentException("block " + block + " < 1");
        int used = Math.max(1, Math.min(threads, (n + block - 1) / block));
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable worker = () -> {
            R r = resource.get();
            try {
                for (int start = next.getAndAdd(block); start < n && failed.get() == null; start = next.getAndAdd(block)) {
                    for (int i = start; i < Math.min(n, start + block); i++) work.run(r, i);
                }
            } catch (IOException | RuntimeException | Error e) {
                failed.compareAndSet(null, e);
            } finally {
                close(r, failed);
            }
        };
        if (used == 1) {
            worker.run();
        } else {
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < used; t++) {
                Thread th = new Thread(worker, "vaultsync-parallel-" + t);
                th.setDaemon(true);
                th.start();
                running.add(th);
            }
            join(running);
        }
        Throwable e = failed.get();
        if (e instanceof IOException io) throw io;
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
    }

    private static void close(Object r, AtomicReference<Throwable> failed) {
        if (!(r instanceof AutoCloseable c)) return;
        try {
            c.close();
        } catch (Exception e) {
            failed.compareAndSet(null, e instanceof IOException io ? io : new UncheckedIOException(new IOException(e)));
        }
    }

    private static void join(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the workers end on their own; the interrupt is kept for the caller
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
