package io.vaultsync.integrate;

import io.vaultsync.conflict.CardDiff;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision;
import io.vaultsync.conflict.ConflictDecision.Side;
import java.time.Instant;
import java.util.function.BiPredicate;

/**
 * Turns a card decision into a {@link ConflictCard}: where each version's bytes end up (the version in place
 * at its path, the other under the card's folder) and a short diff, left out when the secret gate would
 * hold either side back.
 */
public final class CardMaker {
    private final String me;
    private final Instant now;
    private final BiPredicate<String, byte[]> blocked;
    /** Tells apart the cards of two cycles in the same second: ids never repeat, so no card overwrites another. */
    private final String token = String.format("%04x", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));

    /** @param blocked true for bytes the secret gate would hold back at that path */
    public CardMaker(String me, Instant now, BiPredicate<String, byte[]> blocked) {
        this.me = me;
        this.now = now;
        this.blocked = blocked;
    }

    /** One side's version: who, in which commit (null: only in a work tree), its bytes (null: deleted). */
    public record Bytes(String agent, String commit, byte[] bytes) {}

    public String me() {
        return me;
    }

    public Instant now() {
        return now;
    }

    /**
     * @param inPlaceAt where the version in place lives: usually {@code path}; for a task another agent holds,
     *                  that agent's copy
     */
    public ConflictCard make(String id, ConflictDecision.Decision.Card d, String path, String inPlaceAt, String base,
            Bytes ours, Bytes theirs, String reason) {
        Bytes saved = d.inPlace() == Side.OURS ? theirs : ours;
        // bytes the gate holds back are never copied into a card's folder: they stay only where they already are
        String copy = isBlocked(path, saved) ? null : ConflictCard.copyPath(me, id, path);
        ConflictCard.Version o = version(ours, d.inPlace() == Side.OURS, inPlaceAt, copy);
        ConflictCard.Version t = version(theirs, d.inPlace() == Side.THEIRS, inPlaceAt, copy);
        String why = copy != null || saved.bytes() == null ? reason
                : reason + " The other version is held back by the secret gate and was not copied"
                        + (saved.commit() == null ? "; it stays in the work tree." : "; it stays in commit " + saved.commit() + ".");
        String diff = isBlocked(path, ours) || isBlocked(path, theirs)
                ? "(not shown: the secret gate holds one side back)\n"
                : CardDiff.between(ours.bytes(), theirs.bytes());
        return new ConflictCard(id, d.kind(), path, base, o, t, d.inPlace(), d.recommendation(), d.options(), why,
                diff, now, me, null);
    }

    public String newId(String discriminator) {
        return ConflictCard.newId(now, token + "-" + discriminator);
    }

    private boolean isBlocked(String path, Bytes b) {
        return b.bytes() != null && blocked.test(path, b.bytes());
    }

    private static ConflictCard.Version version(Bytes b, boolean inPlace, String inPlaceAt, String copy) {
        String at = b.bytes() == null ? null : inPlace ? inPlaceAt : copy;
        return new ConflictCard.Version(b.agent(), b.commit(), at);
    }
}
