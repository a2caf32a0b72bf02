package io.vaultsync.distribution.publish;

import java.util.List;

/** What a sync changes in a downstream's synced files: paths added, modified and removed (state files aside). */
public record Changes(List<String> added, List<String> modified, List<String> removed) {
    public Changes {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        removed = List.copyOf(removed);
    }

    public boolean none() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }
}
