package io.vaultsync.sync;

import io.vaultsync.git.LostClaim;
import java.util.List;

/** What one cycle did, for the CLI, the log and the status. Paths and rules only, never file contents. */
public record SyncReport(String agent, SyncOutcome outcome, int committedPaths, List<BlockedPath> blocked,
        List<String> outsideZone, List<String> cards, List<String> keptLocal, List<String> repaired,
        List<String> errors, List<LostClaim> lostClaims) {
    public SyncReport {
        blocked = List.copyOf(blocked);
        outsideZone = List.copyOf(outsideZone);
        cards = List.copyOf(cards);
        keptLocal = List.copyOf(keptLocal);
        repaired = List.copyOf(repaired);
        errors = List.copyOf(errors);
        lostClaims = List.copyOf(lostClaims);
    }
}
