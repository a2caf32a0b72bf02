package io.vaultsync.distribution.publish;

import java.util.Optional;

/**
 * What a sync writes at a downstream path, given the upstream output, the downstream's override of it
 * ({@code .agent33-overrides/<path>}) and the previous sync's snapshot (the merge base). The 3-way merge is
 * dmerge's {@code merge.OverrideMerge.merge(base, ours, theirs)}; until it is wired in here, the upstream
 * output is written unchanged (the override stays where it is, untouched).
 */
final class Overrides {
    private Overrides() {
    }

    static byte[] written(String path, Optional<byte[]> snapshot, Optional<byte[]> override, byte[] upstream) {
        return upstream;
    }
}
