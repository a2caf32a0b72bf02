package io.vaultsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every index once, on several threads each with its own resource, closed; the first failure is thrown. */
class ParallelTest {
    private static final class Counted implements AutoCloseable {
        static final AtomicInteger OPEN = new AtomicInteger();

        Counted() {
            OPEN.incrementAndGet();
        }

        @Override
        public void close() {
            OPEN.decrementAndGet();
        }
    }

    @Test
    void everyIndexRunsOnceOnSeveralThreadsEachWithItsOwnResource() throws Exception {
        int n = 10_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Counted> resources = ConcurrentHashMap.newKeySet();
        Parallel.forEach(n, 4, Counted::new, (r, i) -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread().getName());
            resources.add(r);
        });
        for (int i = 0; i < n; i++) assertThat(runs.get(i)).as("runs of %d", i).isEqualTo(1);
        assertThat(threads).hasSizeBetween(1, 4).allMatch(t -> t.startsWith("vaultsync-parallel-"));
        assertThat(resources).hasSameSizeAs(threads);
        assertThat(Counted.OPEN).hasValue(0);
    }

    @Test
    void aFewIndexesRunInTheCallersThread() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(Parallel.BLOCK, 8, () -> null, (r, i) -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
        Parallel.forEach(0, 8, () -> null, (r, i) -> {
            throw new AssertionError("nothing to run");
        });
    }

    @Test
    void blocksOfOneGiveEachOfAFewPiecesAThreadOfItsOwn() throws Exception {
        // the three pieces meet at a barrier: they pass it only if all three run at once
        java.util.concurrent.CyclicBarrier met = new java.util.concurrent.CyclicBarrier(3);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(3, 3, 1, () -> null, (r, i) -> {
            threads.add(Thread.currentThread());
            try {
                met.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("piece " + i + " ran alone: " + e, e);
            }
        });
        assertThat(threads).hasSize(3);
        assertThatThrownBy(() -> Parallel.forEach(3, 3, 0, () -> null, (r, i) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockOfOneSharesEvenAFewIndexesAmongTheThreads() throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(3, 2, 1, () -> null, (r, i) -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread().getName());
        });
        for (int i = 0; i < 3; i++) assertThat(runs.get(i)).as("runs of %d", i).isEqualTo(1);
        assertThat(threads).allMatch(t -> t.startsWith("vaultsync-parallel-"));
    }

    @Test
    void theFirstFailureStopsTheRestAndIsThrown() {
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forEach(100_000, 2, Counted::new, (r, i) -> {
            ran.incrementAndGet();
            if (i == 40) throw new IOException("unreadable " + i);
        })).isInstanceOf(IOException.class).hasMessage("unreadable 40");
        assertThat(ran.get()).isLessThan(100_000);
        assertThat(Counted.OPEN).hasValue(0);
    }
}
