package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.merge.MergeOutcome;
import io.vaultsync.distribution.merge.OverrideMerge;
import java.util.Optional;

/**
 * What a sync writes at a downstream path, given the upstream output, the downstream's override of it
 * ({@code .agent33-overrides/<path>}) and the previous sync's snapshot (the merge base): without an override
 * the upstream output; with one, the 3-way merge of {@link OverrideMerge} (conflicts written with git's
 * markers and reported by the outcome).
 */
final class Overrides {
    private Overrides() {
    }

    static MergeOutcome merged(Optional<byte[]> snapshot, Optional<byte[]> override, byte[] upstream) {
        if (override.isEmpty()) {
            return new MergeOutcome.Clean(upstream, MergeOutcome.How.TAKEN_UPSTREAM);
        }
        return OverrideMerge.merge(snapshot.orElse(null), override.get(), upstream);
    }
}
