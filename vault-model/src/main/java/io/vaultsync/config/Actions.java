package io.vaultsync.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The commands an agent runs on this machine (never synced): cloud handlers per task type, local
 * executors per domain, and how often a failing one is tried before a card asks a person. Kept in
 * {@code .git/vaultsync/actions.yaml} by {@link ActionsStore}, written as it is by {@link Mappers#YAML}.
 *
 * @param handlers    task type → command (argv; the task's path and an output folder are appended)
 * @param executors   domain → command (argv; the item's path and its idempotency key are appended)
 * @param maxAttempts tries before a card (at least 1)
 * @param retryDelay  the wait after the first failure; it doubles with each further failure
 * @param timeout     a command running longer is stopped and counts as a failure
 */
@JsonPropertyOrder({"handlers", "executors", "max_attempts", "retry_delay", "timeout"})
public record Actions(Map<String, List<String>> handlers, Map<String, List<String>> executors,
        @JsonProperty("max_attempts") int maxAttempts, @JsonProperty("retry_delay") Duration retryDelay, Duration timeout) {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final Actions NONE = new Actions(Map.of(), Map.of(), DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY,
            DEFAULT_TIMEOUT);

    public Actions {
        handlers = copy(handlers);
        executors = copy(executors);
        if (maxAttempts < 1) throw new IllegalArgumentException("max_attempts must be at least 1");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(timeout, "timeout");
        if (retryDelay.isNegative() || retryDelay.isZero()) throw new IllegalArgumentException("retry_delay must be positive");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }

    public Optional<List<String>> handler(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    public Optional<List<String>> executor(String domain) {
        return Optional.ofNullable(executors.get(domain));
    }

    public Actions withHandler(String type, List<String> command) {
        Map<String, List<String>> m = new TreeMap<>(handlers);
        m.put(type, command);
        return new Actions(m, executors, maxAttempts, retryDelay, timeout);
    }

    public Actions withExecutor(String domain, List<String> command) {
        Map<String, List<String>> m = new TreeMap<>(executors);
        m.put(domain, command);
        return new Actions(handlers, m, maxAttempts, retryDelay, timeout);
    }

    public Actions withRetries(int attempts, Duration delay) {
        return new Actions(handlers, executors, attempts, delay, timeout);
    }

    /** The wait before try {@code n + 1} after {@code n} failures: the retry delay, doubled per further failure. */
    public Duration delayAfter(int failures) {
        return retryDelay.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 16));
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (k == null || k.isBlank()) throw new IllegalArgumentException("a command needs a type or domain name");
            if (v == null || v.isEmpty() || v.get(0).isBlank()) throw new IllegalArgumentException("empty command for '" + k + "'");
            out.put(k, List.copyOf(v));
        });
        return Collections.unmodifiableMap(out);
    }
}
