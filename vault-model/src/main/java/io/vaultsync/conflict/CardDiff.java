package io.vaultsync.conflict;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A short line diff for a card's body, readable in any editor: changed lines with one line of context. */
public final class CardDiff {
    /** Lines shown at most; the rest is counted. */
    public static final int MAX_LINES = 40;

    private CardDiff() {}

    /** From ours to theirs; null stands for a side that is deleted. */
    public static String between(byte[] ours, byte[] theirs) {
        if (ours == null && theirs == null) return "";
        if ((ours != null && RawText.isBinary(ours)) || (theirs != null && RawText.isBinary(theirs))) {
            return "(binary content: compare the two files)\n";
        }
        RawText a = new RawText(ours == null ? new byte[0] : ours);
        RawText b = new RawText(theirs == null ? new byte[0] : theirs);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        int hidden = 0;
        for (Edit e : edits) {
            int from = Math.max(0, e.getBeginA() - 1);
            if (shown < MAX_LINES) sb.append("@@ line ").append(e.getBeginA() + 1).append(" @@\n");
            for (int i = from; i < e.getBeginA(); i++) shown = line(sb, ' ', a, i, shown) ? shown + 1 : shown;
            for (int i = e.getBeginA(); i < e.getEndA(); i++) {
                if (shown < MAX_LINES) shown = line(sb, '-', a, i, shown) ? shown + 1 : shown;
                else hidden++;
            }
            for (int i = e.getBeginB(); i < e.getEndB(); i++) {
                if (shown < MAX_LINES) shown = line(sb, '+', b, i, shown) ? shown + 1 : shown;
                else hidden++;
            }
        }
        if (hidden > 0) sb.append("… ").append(hidden).append(" more changed line").append(hidden == 1 ? "" : "s").append('\n');
        return sb.toString();
    }

    private static boolean line(StringBuilder sb, char mark, RawText t, int i, int shown) {
        if (shown >= MAX_LINES) return false;
        String s = t.getString(i);
        if (s.length() > 200) s = s.substring(0, 200) + "…";
        sb.append(mark).append(s.replace("\r", "")).append('\n');
        return true;
    }
}
