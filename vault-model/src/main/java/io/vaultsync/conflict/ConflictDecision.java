package io.vaultsync.conflict;

import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which version of a path wins when two meet, and what a person may still decide. Pure: the sides, the
 * base and the policy in, a decision out; the git code asks, then acts. The rules, in order:
 * <ol>
 *   <li>our copy of a task another agent holds: theirs stands, ours is saved (double claim), even with
 *       equal bytes (two holders are one too many);</li>
 *   <li>equal bytes: nothing to decide;</li>
 *   <li>their change to a path of ours that they may not write: ours stands, theirs is saved (zone
 *       violation; a policy change when the path is the policy file);</li>
 *   <li>only one side changed: that side, no card;</li>
 *   <li>both changed a path we may not write: the owner's (theirs) stands, ours is saved;</li>
 *   <li>both changed a path of ours: ours stands, theirs is saved (content, add/add, modify/delete), except
 *       that a change beats a plain deletion: nothing is lost either way, but a change is work.</li>
 * </ol>
 * "Ours" is always the deciding agent's version.
 */
public final class ConflictDecision {
    private ConflictDecision() {}

    /**
     * One version of a path.
     *
     * @param agent      who wrote it: a policy agent, or null for a commit with no agent identity
     * @param blob       its bytes' id, null when the path is absent on this side
     * @param sanctioned the change is one end of a sanctioned move (a claim, a verdict, ...)
     * @param verdict    the change is the local agent's verdict on a draft: the draft deleted from
     *                   {@code Pending_Approval/}, moved to {@code Approved/} or {@code Rejected/}
     */
    public record Version(String agent, String blob, boolean sanctioned, boolean verdict) {
        public Version(String agent, String blob, boolean sanctioned) {
            this(agent, blob, sanctioned, false);
        }

        public static Version of(String agent, String blob) {
            return new Version(agent, blob, false);
        }
    }

    /** Which side ends in place. */
    public enum Side { OURS, THEIRS }

    public sealed interface Decision {
        /** Both sides hold the same bytes. */
        record Same() implements Decision {}

        /** Only one side changed: it wins, nothing to card. */
        record Take(Side side) implements Decision {}

        /** A card: {@code inPlace} stays at the path, the other is saved; what a person may still choose. */
        record Card(ConflictKind kind, Side inPlace, Keep recommendation, List<Keep> options) implements Decision {
            public Card {
                options = List.copyOf(options);
            }
        }
    }

    public static Decision decide(Zones zones, String me, String path, String base, Version ours, Version theirs,
            boolean taskHeldElsewhere) {
        Objects.requireNonNull(me, "me");
        if (taskHeldElsewhere) return doubleClaim(zones, me, path, ours.blob() != null, theirs.blob() != null);
        if (Objects.equals(ours.blob(), theirs.blob())) return new Decision.Same();
        boolean mine = zones.mayWrite(me, path) || ours.sanctioned();
        if (ours.verdict() != theirs.verdict()) return afterVerdict(ours.verdict() ? Side.OURS : Side.THEIRS, base,
                ours.verdict() ? theirs : ours);
        boolean theirsChanged = !Objects.equals(theirs.blob(), base);
        boolean theirsAllowed = theirs.sanctioned() || (theirs.agent() != null && zones.mayWrite(theirs.agent(), path));
        if (theirsChanged && !theirsAllowed && mine) {
            ConflictKind kind = path.equals(Policy.PATH) ? ConflictKind.POLICY_CHANGE : ConflictKind.ZONE_VIOLATION;
            return card(zones, me, path, kind, Side.OURS, ours, theirs);
        }
        if (!theirsChanged) return new Decision.Take(Side.OURS);
        if (Objects.equals(ours.blob(), base)) return new Decision.Take(Side.THEIRS);
        if (!mine) return outOfZoneEdit(zones, me, path, ours.blob() != null, theirs.blob() != null);
        if (base == null) return card(zones, me, path, ConflictKind.ADD_ADD, Side.OURS, ours, theirs);
        if (ours.blob() == null) {
            return card(zones, me, path, ConflictKind.MODIFY_DELETE, ours.sanctioned() ? Side.OURS : Side.THEIRS, ours,
                    theirs);
        }
        if (theirs.blob() == null) return card(zones, me, path, ConflictKind.MODIFY_DELETE, Side.OURS, ours, theirs);
        return card(zones, me, path, ConflictKind.CONTENT, Side.OURS, ours, theirs);
    }

    /**
     * Our copy of a task another agent holds (or that the remote moved on from us): the holder's version
     * stands, ours is saved; it can never be put back in place.
     */
    public static Decision.Card doubleClaim(Zones zones, String me, String path, boolean oursExists,
            boolean theirsExists) {
        return card(zones, me, path, ConflictKind.DOUBLE_CLAIM, Side.THEIRS, oursExists, theirsExists);
    }

    /** Our edit of a path we may not write, which its owner changed too: the owner's version stands. */
    public static Decision.Card outOfZoneEdit(Zones zones, String me, String path, boolean oursExists,
            boolean theirsExists) {
        return card(zones, me, path, ConflictKind.OUT_OF_ZONE_LOCAL_EDIT, Side.THEIRS, oursExists, theirsExists);
    }

    /**
     * Our uncommitted edit of a path the new head gives to someone else: work on a task this agent no longer
     * holds is a double claim, any other path an out-of-zone edit; the new head's version stands either way.
     */
    public static Decision.Card localEditGivenUp(Zones zones, String me, String path, boolean taskLost,
            boolean theirsExists) {
        return taskLost ? doubleClaim(zones, me, path, true, theirsExists) : outOfZoneEdit(zones, me, path, true, theirsExists);
    }

    /**
     * A verdict on a draft against an edit of it, in whichever order they reach each other: the verdict was
     * given on the bytes the person saw, so it stands (the draft stays gone from {@code Pending_Approval/}); an
     * edit made after it is kept aside on a card and can never be put back as a draft, which would be
     * approved and executed a second time. An "edit" that is no change from the base is simply overtaken.
     */
    static Decision afterVerdict(Side verdict, String base, Version other) {
        if (Objects.equals(other.blob(), base)) return new Decision.Take(verdict);
        Keep keep = verdict == Side.OURS ? Keep.OURS : Keep.THEIRS;
        return new Decision.Card(ConflictKind.EDIT_AFTER_VERDICT, verdict, keep, List.of(keep, Keep.SKIP));
    }

    /**
     * A fetched write to a name that is not valid UTF-8 in {@code me}'s zone, by anyone: a hygiene rule, not a
     * question of who may write there. No agent writes such a name, so {@code me}'s version stays in place and
     * the refused version can only be looked at, never put back.
     */
    public static Decision badName(String me, Version ours, Version theirs) {
        Objects.requireNonNull(me, "me");
        if (Objects.equals(ours.blob(), theirs.blob())) return new Decision.Same();
        return new Decision.Card(ConflictKind.ZONE_VIOLATION, Side.OURS, Keep.OURS, List.of(Keep.OURS, Keep.SKIP));
    }

    /**
     * What the deciding agent may choose on a card: it can put a version in place only where it may write,
     * keep both only where a second file is harmless (not an approval, which would be acted on, and not a
     * one-file path like the dashboard or the policy), and never put back a task another agent holds.
     */
    public static List<Keep> options(Zones zones, String me, String path, ConflictKind kind, Side inPlace,
            boolean oursExists, boolean theirsExists) {
        boolean write = zones.mayWrite(me, path);
        List<Keep> out = new ArrayList<>();
        if (inPlace == Side.OURS || (write && kind != ConflictKind.DOUBLE_CLAIM)) out.add(Keep.OURS);
        if (inPlace == Side.THEIRS || write) out.add(Keep.THEIRS);
        if (write && oursExists && theirsExists && duplicable(path) && kind != ConflictKind.DOUBLE_CLAIM) out.add(Keep.BOTH);
        out.add(Keep.SKIP);
        return out;
    }

    /** A second copy of the path would be harmless. */
    static boolean duplicable(String path) {
        return !path.startsWith("Approved/") && !path.equals(Policy.PATH) && !path.equals(".gitignore")
                && !path.equals("Dashboard.md");
    }

    /**
     * Two agents' {@code In_Progress/} both hold one task (both claims landed, say through a hand merge): the
     * earlier claim wins; equal or unknown times go to the first name in order. Unknown times lose to known.
     */
    public static String claimWinner(Map<String, Instant> claimedAt) {
        if (claimedAt.isEmpty()) throw new IllegalArgumentException("no holders");
        return claimedAt.entrySet().stream()
                .min(Comparator.<Map.Entry<String, Instant>, Instant>comparing(Map.Entry::getValue,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
    }

    private static Decision.Card card(Zones zones, String me, String path, ConflictKind kind, Side inPlace, Version ours,
            Version theirs) {
        return card(zones, me, path, kind, inPlace, ours.blob() != null, theirs.blob() != null);
    }

    private static Decision.Card card(Zones zones, String me, String path, ConflictKind kind, Side inPlace,
            boolean oursExists, boolean theirsExists) {
        return new Decision.Card(kind, inPlace, inPlace == Side.OURS ? Keep.OURS : Keep.THEIRS,
                options(zones, me, path, kind, inPlace, oursExists, theirsExists));
    }
}
