package io.vaultsync.git;

import java.util.HashSet;
import java.util.Set;

/**
 * What a work-tree scan looks at: the whole tree, or only some paths (files or folders, relative, with
 * {@code /}), as a file watcher reported them. A path scan finds exactly what a full scan would find under
 * those paths; anything else waits for the next full scan.
 */
public sealed interface ScanScope {
    ScanScope ALL = new All();
    /**
     * No paths: a cycle scans only what its prelude says it wrote. For work that commits its own files
     * (a claim, an approval, a draft): it costs the same on a 100k-file vault as on an empty one, and other
     * local edits wait for the next sync.
     */
    ScanScope NONE = new Paths(Set.of());

    static ScanScope paths(Set<String> paths) {
        return new Paths(paths);
    }

    /** Both scopes together: everything if either is everything. */
    default ScanScope with(ScanScope other) {
        if (this instanceof All || other instanceof All) return ALL;
        Set<String> both = new HashSet<>(((Paths) this).paths());
        both.addAll(((Paths) other).paths());
        return new Paths(both);
    }

    record All() implements ScanScope {}

    record Paths(Set<String> paths) implements ScanScope {
        public Paths {
            for (String p : paths) {
                if (p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.contains("\\")) {
                    throw new IllegalArgumentException("not a relative vault path: '" + p + "'");
                }
            }
            paths = Set.copyOf(paths);
        }
    }
}
