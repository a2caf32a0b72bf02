package io.vaultsync.distribution.merge;

import java.util.List;
import java.util.Objects;

/**
 * What merging an override with the new upstream output gave: the bytes to commit on the sync branch, and
 * whether a person must look at them. A {@code switch} over the three cases covers every outcome.
 */
public sealed interface MergeOutcome {
    /** The bytes to write at the downstream path. */
    byte[] content();

    /** The conflicts to list for {@code path}; empty when the merge is clean. */
    List<MergeConflict> conflictsAt(String path);

    /** How a clean merge was reached. */
    enum How {
        /** Override and upstream hold the same bytes. */
        IDENTICAL,
        /** Only upstream changed since the last sync: its output is taken. */
        TAKEN_UPSTREAM,
        /** Only the override changed: it is kept. */
        KEPT_OVERRIDE,
        /** Both changed, in different lines: the merge holds both changes. */
        MERGED
    }

    /** No conflict: {@code content} is ready to commit. */
    record Clean(byte[] content, How how) implements MergeOutcome {
        public Clean {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(how, "how");
        }

        @Override
        public List<MergeConflict> conflictsAt(String path) {
            return List.of();
        }
    }

    /** Text changed on both sides in the same lines: {@code content} holds git's conflict markers at {@code ranges}. */
    record Conflicted(byte[] content, List<LineRange> ranges) implements MergeOutcome {
        public Conflicted {
            Objects.requireNonNull(content, "content");
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) throw new IllegalArgumentException("a conflicted merge has at least one range");
        }

        @Override
        public List<MergeConflict> conflictsAt(String path) {
            return ranges.stream().map(r -> new MergeConflict(path, r.start(), r.end(), "both changed")).toList();
        }
    }

    /**
     * A binary file changed on both sides: no markers can be written into it, so the override is kept as it is
     * and the conflict is reported for the whole file.
     */
    record BinaryConflict(byte[] content) implements MergeOutcome {
        public BinaryConflict {
            Objects.requireNonNull(content, "content");
        }

        @Override
        public List<MergeConflict> conflictsAt(String path) {
            return List.of(new MergeConflict(path, 0, 0, "binary file changed on both sides; the override was kept"));
        }
    }

    /** Lines {@code start..end} (1-based, inclusive) of the merged output: a conflict from its {@code <<<<<<<} to its {@code >>>>>>>}. */
    record LineRange(int start, int end) {
        public LineRange {
            if (start < 1 || end < start) throw new IllegalArgumentException("bad line range " + start + ".." + end);
        }
    }
}
