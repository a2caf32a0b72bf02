package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void countBoundStopsAfterTheLastAttempt() {
        Backoff b = new Backoff(3, Duration.ofMillis(10), Duration.ofSeconds(1));
        assertThat(b.mayTry(3, Duration.ofDays(365))).isTrue();
        assertThat(b.mayTry(4, Duration.ZERO)).isFalse();
    }

    @Test
    void patienceStopsANewAttemptButNeverTheFirst() {
        Backoff b = new Backoff(1000, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(2));
        assertThat(b.mayTry(1, Duration.ofMinutes(5))).isTrue();
        assertThat(b.mayTry(500, Duration.ofSeconds(119))).isTrue();
        assertThat(b.mayTry(500, Duration.ofMinutes(2))).isFalse();
    }

    @Test
    void pausesGrowToTheCapWithJitterInTheUpperHalf() {
        Backoff b = new Backoff(50, Duration.ofMillis(10), Duration.ofMillis(100));
        assertThat(b.before(1)).isZero();
        for (int i = 0; i < 200; i++) {
            assertThat(b.before(2).toMillis()).isBetween(5L, 10L);
            assertThat(b.before(30).toMillis()).isBetween(50L, 100L);
        }
    }
}
