package io.vaultsync.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.fixtures.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class WorkPoolTest {
    final CountDownLatch release = new CountDownLatch(1);
    final List<WorkPool> pools = new ArrayList<>();

    @AfterEach
    void releaseAll() throws InterruptedException {
        release.countDown();
        for (WorkPool p : pools) p.stop(Duration.ofSeconds(5));
    }

    WorkPool pool(int size) {
        WorkPool p = WorkPool.bounded(size, "test");
        pools.add(p);
        return p;
    }

    /** A task that says it started, then waits for the test's release. */
    WorkPool.Task blocking(CountDownLatch started) {
        return () -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aFullPoolTakesNothingMoreAndTakesAgainOnceATaskEnds() throws Exception {
        WorkPool p = pool(2);
        CountDownLatch started = new CountDownLatch(2);
        assertThat(p.submit("a", blocking(started))).isEqualTo(WorkPool.Taken.STARTED);
        assertThat(p.submit("b", blocking(started))).isEqualTo(WorkPool.Taken.STARTED);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        assertThat(p.submit("c", ran::incrementAndGet)).isEqualTo(WorkPool.Taken.FULL);
        assertThat(p.busy()).isEqualTo(2);

        release.countDown();
        awaitIdle(p);
        CountDownLatch done = new CountDownLatch(1);
        assertThat(p.submit("c", done::countDown)).isEqualTo(WorkPool.Taken.STARTED);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(0);
    }

    @Test
    void aKeyInFlightIsNotTakenAgain() throws Exception {
        WorkPool p = pool(4);
        CountDownLatch started = new CountDownLatch(1);
        p.submit("key", blocking(started));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.inFlight("key")).isTrue();
        assertThat(p.submit("key", () -> { })).isEqualTo(WorkPool.Taken.IN_FLIGHT);
        release.countDown();
        awaitIdle(p);
        assertThat(p.inFlight("key")).isFalse();
    }

    @Test
    void stopWaitsForTheTasksInFlightAndTakesNothingNew() throws Exception {
        WorkPool p = pool(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        p.submit("slow", () -> {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        java.util.concurrent.CompletableFuture<Boolean> stopped = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.stop(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("stop to take nothing new", Duration.ofSeconds(10),
                () -> submitNothing(p, "late") == WorkPool.Taken.STOPPED);
        assertThat(stopped).as("stop waits while the task is in flight").isNotDone();
        release.countDown();
        assertThat(stopped.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).as("stop returned only once the task had ended").hasValue(1);
    }

    @Test
    void stopWaitsNoLongerThanItsGrace() throws Exception {
        WorkPool p = pool(1);
        CountDownLatch started = new CountDownLatch(1);
        p.submit("stuck", blocking(started));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        assertThat(p.stop(Duration.ofMillis(300))).isFalse();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(tookMs).isBetween(250L, 5_000L);
        assertThat(p.inFlight("stuck")).isTrue();
    }

    @Test
    void theInlinePoolRunsOnTheCallersThreadAndThrowsWhatTheTaskThrows() throws Exception {
        WorkPool p = WorkPool.inline();
        Thread[] ranOn = new Thread[1];
        assertThat(p.submit("a", () -> ranOn[0] = Thread.currentThread())).isEqualTo(WorkPool.Taken.STARTED);
        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        assertThatThrownBy(() -> p.submit("b", () -> {
            throw new IOException("disk gone");
        })).isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThat(p.inFlight("b")).isFalse();
        assertThat(p.stop(Duration.ZERO)).isTrue();
    }

    @Test
    void aFailingTaskFreesItsKey() throws Exception {
        WorkPool p = pool(1);
        p.submit("bad", () -> {
            throw new IllegalStateException("boom");
        });
        awaitIdle(p);
        CountDownLatch done = new CountDownLatch(1);
        assertThat(p.submit("bad", done::countDown)).isEqualTo(WorkPool.Taken.STARTED);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Threads racing to submit: never more than size tasks at once, never one key twice at once. */
    @RepeatedTest(50)
    void racingSubmitsKeepTheBoundsAndOneTaskPerKey() throws Exception {
        int size = 3;
        WorkPool p = pool(size);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger[] perKey = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        AtomicInteger twice = new AtomicInteger();
        int threads = 8;
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 40; i++) {
                        int k = (id + i) % perKey.length;
                        p.submit("k" + k, () -> {
                            int now = running.incrementAndGet();
                            most.accumulateAndGet(now, Math::max);
                            if (perKey[k].incrementAndGet() > 1) twice.incrementAndGet();
                            Thread.onSpinWait();
                            perKey[k].decrementAndGet();
                            running.decrementAndGet();
                        });
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join(30_000);
        assertThat(p.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(most.get()).isBetween(1, size);
        assertThat(twice).as("one key run twice at once").hasValue(0);
    }

    static void awaitIdle(WorkPool p) {
        Await.until("the pool to be idle", Duration.ofSeconds(10), () -> p.busy() == 0);
    }

    static WorkPool.Taken submitNothing(WorkPool p, String key) {
        try {
            return p.submit(key, () -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
