package io.vaultsync.claim.cli;

import io.vaultsync.claim.ClaimResult;
import io.vaultsync.cli.ExitCodes;
import io.vaultsync.lease.Lease;
import java.io.PrintWriter;
import java.util.Optional;

/** Prints a claim result for a person and picks its exit code. */
final class ClaimOutput {
    private ClaimOutput() {}

    static int print(PrintWriter out, PrintWriter err, String agent, String verb, ClaimResult r) {
        String t = r.task();
        if (r instanceof ClaimResult.Done d) {
            out.println(t + ": " + verb + " (" + d.path() + ")" + d.lease().map(l -> ", lease until " + l.expires()).orElse(""));
            return ExitCodes.OK;
        }
        if (r instanceof ClaimResult.Provisional p) {
            out.println(t + ": " + verb + " provisionally in this clone (" + p.path() + "); the remote is unreachable ("
                    + p.reason() + "). The next sync confirms it, or undoes it if another agent won.");
            return ExitCodes.PROVISIONAL;
        }
        if (r instanceof ClaimResult.HeldBy h) {
            out.println(t + ": claimed by " + h.agent() + until(h.lease()) + (h.fresh() ? "" : " (as of the last sync)"));
            return ExitCodes.CLAIMED_BY_OTHER;
        }
        if (r instanceof ClaimResult.AlreadyYours a) {
            err.println(t + ": already claimed by " + agent + " (" + a.path() + "); nothing moved");
            return ExitCodes.ALREADY_YOURS;
        }
        if (r instanceof ClaimResult.NotClaimed) {
            err.println(t + ": not claimed (it is in Needs_Action/); nothing moved");
            return ExitCodes.NOT_YOURS;
        }
        if (r instanceof ClaimResult.Missing m) {
            err.println(t + ": no such task in Needs_Action/ or In_Progress/" + (m.fresh() ? ", here or on the remote" : "")
                    + "; nothing moved");
            return ExitCodes.NO_SUCH_TASK;
        }
        ClaimResult.Contended c = (ClaimResult.Contended) r;
        out.println(t + ": " + verb + " in this clone (" + c.path() + ") but the push lost to other writers " + c.attempts()
                + " times; the next sync confirms it or undoes it");
        return ExitCodes.CONTENDED;
    }

    private static String until(Optional<Lease> lease) {
        return lease.map(l -> " (lease until " + l.expires() + ")").orElse("");
    }
}
