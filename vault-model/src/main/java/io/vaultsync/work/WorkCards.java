package io.vaultsync.work;

import io.vaultsync.conflict.Keep;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.work.WorkLedger.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a person's decision on a failure card: {@code keep_ours} means try again, {@code skip} leave it. */
public final class WorkCards {
    private WorkCards() {}

    /**
     * {@link Event#RETRY} or {@link Event#SKIPPED} once the card is decided; empty while it is open. A card
     * that is gone (deleted by hand) counts as a request to try again.
     */
    public static Optional<Event> decision(Path workTree, String cardId) throws IOException {
        Optional<CardFiles.Entry> found = CardFiles.find(workTree, cardId);
        if (found.isPresent() && found.get().card().isOpen()) return Optional.empty();
        Keep keep = found.map(e -> e.card().resolution().keep()).orElse(Keep.OURS);
        return Optional.of(keep == Keep.SKIP ? Event.SKIPPED : Event.RETRY);
    }
}
