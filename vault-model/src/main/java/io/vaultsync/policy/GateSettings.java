package io.vaultsync.policy;

import java.util.List;
import java.util.Objects;

/**
 * Shared secret-gate settings: the size limit for a synced file and extra deny patterns in gitignore
 * syntax, added to the shipped denylist.
 */
public record GateSettings(long maxFileSize, List<String> deny) {

    public static final long DEFAULT_MAX_FILE_SIZE = 5L * 1024 * 1024;

    public GateSettings {
        if (maxFileSize <= 0) {
            throw new IllegalArgumentException("maxFileSize must be positive: " + maxFileSize);
        }
        Objects.requireNonNull(deny, "deny");
        for (String pattern : deny) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("blank deny pattern");
            }
        }
        deny = List.copyOf(deny);
    }

    /** 5 MiB, no extra deny patterns. */
    public static GateSettings defaults() {
        return new GateSettings(DEFAULT_MAX_FILE_SIZE, List.of());
    }
}
