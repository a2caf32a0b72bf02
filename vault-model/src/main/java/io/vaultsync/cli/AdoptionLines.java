package io.vaultsync.cli;

import io.vaultsync.sync.AdoptionPlan;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.FolderAdoption;
import java.io.PrintWriter;
import java.util.Map;

/** Prints what adopting a folder did, so the person sees what syncs, what stays local and why. */
final class AdoptionLines {
    private AdoptionLines() {}

    static void print(PrintWriter out, String agent, FolderAdoption.Report r) {
        out.println(agent + ": committed " + r.committed() + " file" + (r.committed() == 1 ? "" : "s") + " of yours ("
                + r.bytes() + " bytes) in the first commit; nothing in the folder was moved, renamed or deleted");
        if (!r.heldBack().isEmpty()) {
            out.println("  held back by the secret gate (left on disk, never committed): " + r.heldBack().size());
            for (BlockedPath b : r.heldBack()) out.println("    " + b.path() + "  [" + b.rule() + "]");
        }
        var folders = r.zonesGiven().stream().filter(z -> !z.equals(AdoptionPlan.ROOT_FILES)).toList();
        if (!folders.isEmpty()) {
            out.println("  your folders, now in " + agent + "'s zone in .vaultsync/policy.yaml (they sync): "
                    + String.join(" ", folders));
        }
        if (r.rootFiles()) {
            out.println("  your files at the top of the folder sync too (zone " + AdoptionPlan.ROOT_FILES
                    + " of " + agent + ", new ones included)");
        }
        for (Map.Entry<String, String> e : r.otherZones().entrySet()) {
            out.println("  " + e.getKey() + " is " + e.getValue() + "'s zone: its files are in the first commit, but "
                    + agent + " does not sync your later edits there");
        }
        if (r.denyKept() > 0) {
            out.println("  the " + r.denyKept() + " rule" + (r.denyKept() == 1 ? "" : "s") + " of your .gitignore keep"
                    + (r.denyKept() == 1 ? "s" : "") + " files out of sync too (gate.deny in the policy); its lines are kept");
        }
        out.println("  added: " + String.join(" ", r.added()));
    }
}
