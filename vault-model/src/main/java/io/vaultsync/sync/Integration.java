package io.vaultsync.sync;

import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.integrate.IncomingCheck;
import io.vaultsync.integrate.LostClaim;
import java.util.List;

/**
 * What one integration did: how it ended, the cards it raised (the incoming check's, the replay's and the
 * local edits it saved aside), the local edits it left in the work tree, the paths it could not write,
 * the claims it undid and the fetched writes it refused.
 *
 * @param savedLocal local edits were saved as conflict copies: they wait in the work tree for the next round
 */
public record Integration(SyncOutcome outcome, List<ConflictCard> cards, List<String> keptLocal, List<String> errors,
        List<LostClaim> lostClaims, List<IncomingCheck.Refusal> refused, boolean savedLocal) {
    public Integration {
        cards = List.copyOf(cards);
        keptLocal = List.copyOf(keptLocal);
        errors = List.copyOf(errors);
        lostClaims = List.copyOf(lostClaims);
        refused = List.copyOf(refused);
    }

    /** An integration that changed nothing here: up to date, contended, or offline. */
    static Integration only(SyncOutcome outcome) {
        return new Integration(outcome, List.of(), List.of(), List.of(), List.of(), List.of(), false);
    }

    /** The same work with another outcome (the push that followed it). */
    Integration endingIn(SyncOutcome next) {
        return new Integration(next, cards, keptLocal, errors, lostClaims, refused, savedLocal);
    }
}
