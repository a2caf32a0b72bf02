package io.vaultsync.sync;

import io.vaultsync.conflict.ConflictCard;

/** What {@code resolve} did with a card. */
public sealed interface ResolveResult {
    /** Applied, committed with the card id, and the card closed; {@code report} says whether it was pushed. */
    record Resolved(ConflictCard card, SyncReport report) implements ResolveResult {}

    /** No card with that id in this clone (after a sync). */
    record NoSuchCard(String id) implements ResolveResult {}

    /** The card was closed before. */
    record AlreadyResolved(ConflictCard card) implements ResolveResult {}

    /** Not this agent's decision: another agent's card, or an option that would write outside its zones. */
    record NotPermitted(ConflictCard card, String why) implements ResolveResult {}
}
