package io.vaultsync.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The words a person reads about a {@link HistoryAudit.Report}: one line per finding (path, the oldest commit
 * it is in, the rule) and, once, how to purge a history. Pure; nothing in it comes from a file's content.
 */
public final class HistoryReport {
    private HistoryReport() {}

    /** One line per finding: {@code PATH  first in COMMIT "SUBJECT"  rule RULE}. */
    public static List<String> findings(HistoryAudit.Report r) {
        List<String> out = new ArrayList<>();
        for (HistoryAudit.Finding f : r.findings()) {
            out.add(f.path() + "  first in " + f.commit() + " \"" + f.subject() + "\"  rule " + f.rule());
        }
        return out;
    }

    /** A summary: what was read, what was found, what was not scanned. */
    public static String summary(HistoryAudit.Report r) {
        String read = "audited " + r.commits() + " commit" + (r.commits() == 1 ? "" : "s") + ", " + r.blobs()
                + " distinct file version" + (r.blobs() == 1 ? "" : "s") + " (" + r.bytes() + " bytes)";
        String found = r.clean() ? "no secrets found"
                : r.findings().size() + " secret" + (r.findings().size() == 1 ? "" : "s") + " found";
        String skipped = r.unscanned().isEmpty() ? ""
                : "; " + r.unscanned().size() + " over the size limit not scanned: " + String.join(", ", r.unscanned());
        return read + ": " + found + skipped;
    }

    /** How to purge: said once, after the findings. */
    public static List<String> advice() {
        return List.of(
                "These are in the history that every clone of the remote holds, even when deleted since. To purge them:",
                "  1. rotate every credential named above (revoke the token or key, issue a new one): it must be",
                "     taken as known, whatever is done to the history;",
                "  2. rewrite the history without them, e.g. `git filter-repo --invert-paths --path PATH` for a file,",
                "     or `git filter-repo --replace-text FILE` for a value, then force-push it and have every clone",
                "     cloned again;",
                "  3. run init again. Or adopt the history as it is with `init --accept-history` (the findings are",
                "     kept as a decision card).");
    }
}
