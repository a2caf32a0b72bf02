package io.vaultsync.distribution.merge;

import io.vaultsync.distribution.merge.MergeOutcome.BinaryConflict;
import io.vaultsync.distribution.merge.MergeOutcome.Clean;
import io.vaultsync.distribution.merge.MergeOutcome.Conflicted;
import io.vaultsync.distribution.merge.MergeOutcome.How;
import io.vaultsync.distribution.merge.MergeOutcome.LineRange;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeResult;

/**
 * The 3-way merge of a downstream override with the new upstream output: base = the snapshot the previous
 * sync recorded, ours = the file in {@code .agent33-overrides/}, theirs = what upstream produces now. JGit's
 * {@link MergeAlgorithm} (histogram diff) decides line by line: a change on one side only is taken; a change
 * on both sides in the same lines is a conflict, written with git's standard markers
 * ({@code <<<<<<< override}, {@code =======}, {@code >>>>>>> upstream}) and listed with its line range in
 * the merged output.
 *
 * <p>Two cases git itself has no answer for are decided here:
 * <ul>
 * <li><b>No base</b> (the first sync of a path that already has an override): the merge is two-way, an empty
 *     base. Equal files are clean; otherwise both sides "added" the file, so every difference is a conflict
 *     (the lines both share at the start and end stay outside the markers; with nothing shared, the whole
 *     file is one conflict). Nothing of either side is dropped silently.</li>
 * <li><b>Binary</b> (any side holds a NUL in its first 8000 bytes, as git decides): whole-file comparison;
 *     one side changed → that side; both changed → the override is kept unchanged, no markers, and the
 *     conflict is reported for the whole file.</li>
 * </ul>
 * Pure: bytes in, bytes and a verdict out.
 */
public final class OverrideMerge {
    /** The label after {@code <<<<<<<}. */
    public static final String OURS = "override";
    /** The label after {@code >>>>>>>}. */
    public static final String THEIRS = "upstream";

    private OverrideMerge() {}

    /** Merges with the default labels; {@code base} is null when no previous sync recorded a snapshot. */
    public static MergeOutcome merge(byte[] base, byte[] ours, byte[] theirs) {
        return merge(base, ours, theirs, OURS, THEIRS);
    }

    /** Merges, writing {@code oursLabel} and {@code theirsLabel} after the conflict markers. */
    public static MergeOutcome merge(byte[] base, byte[] ours, byte[] theirs, String oursLabel, String theirsLabel) {
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
        if (Arrays.equals(ours, theirs)) return new Clean(ours, How.IDENTICAL);
        if (base != null && Arrays.equals(base, theirs)) return new Clean(ours, How.KEPT_OVERRIDE);
        if (base != null && Arrays.equals(base, ours)) return new Clean(theirs, How.TAKEN_UPSTREAM);
        if (RawText.isBinary(ours) || RawText.isBinary(theirs) || (base != null && RawText.isBinary(base))) {
            return new BinaryConflict(ours);
        }
        RawText b = new RawText(base == null ? new byte[0] : base);
        RawText o = new RawText(ours);
        RawText t = new RawText(theirs);
        MergeAlgorithm algorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> result = algorithm.merge(RawTextComparator.DEFAULT, b, o, t);
        Formatted f = format(result, oursLabel, theirsLabel);
        if (f.ranges.isEmpty()) return new Clean(f.bytes, How.MERGED);
        return new Conflicted(f.bytes, f.ranges);
    }

    private record Formatted(byte[] bytes, List<LineRange> ranges) {}

    /**
     * Writes the merged lines with the markers, counting output lines so each conflict's range is exact. A
     * side's last line that had no newline keeps none when it ends the output, and gets one before a marker.
     */
    private static Formatted format(MergeResult<RawText> result, String oursLabel, String theirsLabel) {
        List<RawText> seqs = result.getSequences();
        List<byte[]> lines = new ArrayList<>();
        List<Boolean> noEol = new ArrayList<>();
        List<LineRange> ranges = new ArrayList<>();
        int conflictStart = 0;
        for (MergeChunk chunk : result) {
            switch (chunk.getConflictState()) {
                case BASE_CONFLICTING_RANGE -> {
                    continue; // git's default style shows no base section
                }
                case FIRST_CONFLICTING_RANGE -> {
                    conflictStart = lines.size() + 1;
                    addMarker(lines, noEol, "<<<<<<< " + oursLabel);
                }
                case NEXT_CONFLICTING_RANGE -> addMarker(lines, noEol, "=======");
                case NO_CONFLICT -> { }
            }
            RawText seq = seqs.get(chunk.getSequenceIndex());
            for (int i = chunk.getBegin(); i < chunk.getEnd(); i++) {
                lines.add(lineBytes(seq, i));
                noEol.add(i == seq.size() - 1 && seq.isMissingNewlineAtEnd());
            }
            if (chunk.getConflictState() == MergeChunk.ConflictState.NEXT_CONFLICTING_RANGE) {
                addMarker(lines, noEol, ">>>>>>> " + theirsLabel);
                ranges.add(new LineRange(conflictStart, lines.size()));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            boolean last = i == lines.size() - 1;
            if (!(last && noEol.get(i))) out.write('\n');
        }
        return new Formatted(out.toByteArray(), ranges);
    }

    private static byte[] lineBytes(RawText seq, int i) {
        ByteBuffer raw = seq.getRawString(i);
        byte[] line = new byte[raw.remaining()];
        raw.get(line);
        return line;
    }

    private static void addMarker(List<byte[]> lines, List<Boolean> noEol, String marker) {
        lines.add(marker.getBytes(StandardCharsets.UTF_8));
        noEol.add(false);
    }
}
