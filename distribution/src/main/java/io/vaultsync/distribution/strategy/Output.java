package io.vaultsync.distribution.strategy;

import java.util.Objects;

/** One file a rule produces: its downstream path, the source path it came from, and its bytes. */
public record Output(String path, String sourcePath, byte[] bytes) {
    public Output {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The SHA-256 of the bytes, lower-case hex. */
    public String sha256() {
        return Hashes.sha256(bytes);
    }
}
