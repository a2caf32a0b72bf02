package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How long a running agent waits before retrying a cycle that keeps failing. */
class RetryDelayTest {
    @ParameterizedTest
    @CsvSource({
            "PT1S, 0, PT1S", "PT1S, 1, PT1S", "PT1S, 2, PT2S", "PT1S, 3, PT4S", "PT1S, 4, PT8S", "PT1S, 5, PT10S",
            "PT1S, 60, PT10S", "PT30S, 2, PT1M", "PT30S, 5, PT5M", "PT30S, 99, PT5M", "PT10M, 3, PT10M"})
    void doublesFromOneIntervalUpToTenIntervalsOrFiveMinutes(Duration every, int failed, Duration expected) {
        assertThat(LoopState.retryDelay(every, failed)).isEqualTo(expected);
    }
}
