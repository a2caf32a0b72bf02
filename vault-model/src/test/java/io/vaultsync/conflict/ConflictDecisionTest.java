package io.vaultsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.conflict.ConflictDecision.Decision;
import io.vaultsync.conflict.ConflictDecision.Side;
import io.vaultsync.conflict.ConflictDecision.Version;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConflictDecisionTest {
    static final String CLOUD = "cloud";
    static final String LOCAL = "local";
    static final Zones ZONES = new Zones(Policy.defaults(CLOUD, LOCAL));
    static final Keep O = Keep.OURS;
    static final Keep T = Keep.THEIRS;
    static final Keep B = Keep.BOTH;
    static final Keep S = Keep.SKIP;

    /**
     * The deciding agent, the path, base/ours/theirs bytes, their writer, flags, the side whose change is the
     * local agent's verdict on the draft (null: neither) -> the decision.
     */
    record Row(String me, String path, String base, String ours, String theirs, String them, boolean oursSanctioned,
            boolean theirsSanctioned, boolean heldElsewhere, Side verdict, Decision want) {
        Row(String me, String path, String base, String ours, String theirs, String them, boolean oursSanctioned,
                boolean theirsSanctioned, boolean heldElsewhere, Decision want) {
            this(me, path, base, ours, theirs, them, oursSanctioned, theirsSanctioned, heldElsewhere, null, want);
        }

        @Override
        public String toString() {
            return me + " " + path + " base=" + base + " ours=" + ours + " theirs=" + theirs + "(" + them + ")"
                    + (heldElsewhere ? " held elsewhere" : "") + (verdict == null ? "" : " verdict by " + verdict)
                    + " -> " + want;
        }
    }

    static Row row(String me, String path, String base, String ours, String theirs, String them, Decision want) {
        return new Row(me, path, base, ours, theirs, them, false, false, false, want);
    }

    static Decision card(ConflictKind k, Side inPlace, Keep... options) {
        return new Decision.Card(k, inPlace, inPlace == Side.OURS ? O : T, List.of(options));
    }

    static Stream<Row> table() {
        Decision same = new Decision.Same();
        Decision ours = new Decision.Take(Side.OURS);
        Decision theirs = new Decision.Take(Side.THEIRS);
        return Stream.of(
                // no conflict
                row(CLOUD, "Plans/p.md", "a", "b", "b", CLOUD, same),
                row(CLOUD, "Plans/p.md", "a", "b", "a", CLOUD, ours),
                row(CLOUD, "Plans/p.md", "a", "a", "c", CLOUD, theirs),
                row(LOCAL, "Plans/p.md", "a", "a", "c", CLOUD, theirs), // another agent's zone, its own write
                // content: both changed a path of ours; ours stays
                row(CLOUD, "Plans/p.md", "a", "b", "c", CLOUD, card(ConflictKind.CONTENT, Side.OURS, O, T, B, S)),
                row(LOCAL, "Done/d.md", "a", "b", "c", LOCAL, card(ConflictKind.CONTENT, Side.OURS, O, T, B, S)),
                // add/add
                row(CLOUD, "Updates/SIGNAL_1.md", null, "b", "c", CLOUD, card(ConflictKind.ADD_ADD, Side.OURS, O, T, B, S)),
                // modify/delete: the change stays in place whichever side made it
                row(CLOUD, "Plans/p.md", "a", "b", null, CLOUD, card(ConflictKind.MODIFY_DELETE, Side.OURS, O, T, S)),
                row(CLOUD, "Plans/p.md", "a", null, "c", CLOUD, card(ConflictKind.MODIFY_DELETE, Side.THEIRS, O, T, S)),
                // ... unless our deletion is one end of a sanctioned move (a claim's source): then it stands
                new Row(LOCAL, "Needs_Action/t.md", "a", null, "c", CLOUD, true, false, false,
                        card(ConflictKind.MODIFY_DELETE, Side.OURS, O, S)),
                // out-of-zone local edit the owner changed too: the owner's stays, ours can only be dropped or kept aside
                row(CLOUD, "Dashboard.md", "a", "b", "c", LOCAL, card(ConflictKind.OUT_OF_ZONE_LOCAL_EDIT, Side.THEIRS, T, S)),
                row(CLOUD, "Dashboard.md", "a", "b", "a", LOCAL, ours), // owner did not change it: stays local, uncommitted
                // double claim: our copy of a task another agent holds
                new Row(LOCAL, "In_Progress/local/t.md", null, "b", "c", CLOUD, false, false, true,
                        card(ConflictKind.DOUBLE_CLAIM, Side.THEIRS, T, S)),
                // zone violations: a fetched write into our zone by an agent without the right, or by plain git
                row(LOCAL, "Approved/pay.md", null, null, "forged", CLOUD, card(ConflictKind.ZONE_VIOLATION, Side.OURS, O, T, S)),
                row(LOCAL, "Dashboard.md", "a", "b", "c", null, card(ConflictKind.ZONE_VIOLATION, Side.OURS, O, T, S)),
                row(LOCAL, "Dashboard.md", "a", "a", null, null, card(ConflictKind.ZONE_VIOLATION, Side.OURS, O, T, S)),
                row(CLOUD, "Needs_Action/t.md", null, null, "by hand", null,
                        card(ConflictKind.ZONE_VIOLATION, Side.OURS, O, T, S)),
                row(CLOUD, "Plans/p.md", "a", "a", "c", LOCAL, card(ConflictKind.ZONE_VIOLATION, Side.OURS, O, T, B, S)),
                // ... but a sanctioned move into our folder (a handoff) is no violation
                new Row(LOCAL, "In_Progress/local/t.md", null, null, "handed", CLOUD, false, true, false, theirs),
                // a violation of a zone that is not ours is its owner's to restore
                row(CLOUD, "Approved/pay.md", null, null, "forged", null, theirs),
                // policy file: only its local owner may change it
                row(LOCAL, Policy.PATH, "p1", "p1", "p2", CLOUD, card(ConflictKind.POLICY_CHANGE, Side.OURS, O, T, S)),
                row(LOCAL, Policy.PATH, "p1", "p1", "p2", null, card(ConflictKind.POLICY_CHANGE, Side.OURS, O, T, S)),
                row(LOCAL, Policy.PATH, "p1", "p1", "p2", LOCAL, theirs),
                // a verdict on a draft met an edit of it, in either order: the verdict stands, the edit is kept on a
                // card and can never be put back as a draft (it would be approved and executed again)
                verdict(LOCAL, "a", null, "edited", Side.OURS, card(ConflictKind.EDIT_AFTER_VERDICT, Side.OURS, O, S)),
                verdict(CLOUD, "a", "edited", null, Side.THEIRS, card(ConflictKind.EDIT_AFTER_VERDICT, Side.THEIRS, T, S)),
                // ... an "edit" that changed nothing is overtaken, and two removals agree
                verdict(LOCAL, "a", null, "a", Side.OURS, ours),
                verdict(CLOUD, "a", "a", null, Side.THEIRS, theirs),
                verdict(CLOUD, "a", null, null, Side.THEIRS, same));
    }

    static Row verdict(String me, String base, String ours, String theirs, Side verdict, Decision want) {
        return new Row(me, "Pending_Approval/email/DRAFT_b.md", base, ours, theirs, me.equals(LOCAL) ? CLOUD : LOCAL,
                verdict == Side.OURS, true, false, verdict, want);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(Row r) {
        Decision got = ConflictDecision.decide(ZONES, r.me(), r.path(), r.base(),
                new Version(r.me(), r.ours(), r.oursSanctioned(), r.verdict() == Side.OURS),
                new Version(r.them(), r.theirs(), r.theirsSanctioned(), r.verdict() == Side.THEIRS), r.heldElsewhere());
        assertThat(got).isEqualTo(r.want());
    }

    @Test
    void theTableCoversEveryKind() {
        Set<ConflictKind> seen = EnumSet.noneOf(ConflictKind.class);
        table().map(Row::want).filter(d -> d instanceof Decision.Card).forEach(d -> seen.add(((Decision.Card) d).kind()));
        assertThat(seen).containsExactlyInAnyOrder(
                Arrays.stream(ConflictKind.values()).filter(ConflictKind::weighsVersions).toArray(ConflictKind[]::new));
    }

    @Test
    void theVersionInPlaceIsAlwaysAnOptionAndRecommended() {
        table().map(Row::want).filter(d -> d instanceof Decision.Card).map(d -> (Decision.Card) d).forEach(c -> {
            assertThat(c.options()).contains(c.recommendation(), Keep.SKIP);
            assertThat(c.recommendation()).isEqualTo(c.inPlace() == Side.OURS ? Keep.OURS : Keep.THEIRS);
        });
    }

    @Test
    void aCopyOfATaskHeldElsewhereIsADoubleClaimEvenWithEqualBytes() {
        Version ours = new Version(LOCAL, "same", false);
        Version theirs = new Version(CLOUD, "same", false);
        Decision want = card(ConflictKind.DOUBLE_CLAIM, Side.THEIRS, T, S);
        assertThat(ConflictDecision.decide(ZONES, LOCAL, "In_Progress/local/t.md", null, ours, theirs, true)).isEqualTo(want);
        assertThat(ConflictDecision.doubleClaim(ZONES, LOCAL, "In_Progress/local/t.md", true, true)).isEqualTo(want);
    }

    /** Our uncommitted edit the new head gives to someone else: (path, task lost, theirs exists) -> the card. */
    @ParameterizedTest(name = "{0} lost={1} theirs={2}")
    @MethodSource("givenUp")
    void aLocalEditGivenUpLeavesTheNewHeadsVersionInPlace(String path, boolean lost, boolean theirsExists, Decision want) {
        assertThat(ConflictDecision.localEditGivenUp(ZONES, CLOUD, path, lost, theirsExists)).isEqualTo(want);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> givenUp() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("In_Progress/cloud/t.md", true, true,
                        card(ConflictKind.DOUBLE_CLAIM, Side.THEIRS, T, S)),
                org.junit.jupiter.params.provider.Arguments.of("In_Progress/cloud/t.md", true, false,
                        card(ConflictKind.DOUBLE_CLAIM, Side.THEIRS, T, S)),
                org.junit.jupiter.params.provider.Arguments.of("Dashboard.md", false, true,
                        card(ConflictKind.OUT_OF_ZONE_LOCAL_EDIT, Side.THEIRS, T, S)),
                org.junit.jupiter.params.provider.Arguments.of("Done/d.md", false, false,
                        card(ConflictKind.OUT_OF_ZONE_LOCAL_EDIT, Side.THEIRS, T, S)));
    }

    @Test
    void aBadNameIsRefusedWhoeverWroteItAndCanNeverBePutBack() {
        Decision refused = card(ConflictKind.ZONE_VIOLATION, Side.OURS, O, S);
        // even the zone's owner writing it: the rule is the name, not the writer
        assertThat(ConflictDecision.badName(CLOUD, new Version(CLOUD, null, false), new Version(CLOUD, "x", false)))
                .isEqualTo(refused);
        assertThat(ConflictDecision.badName(LOCAL, new Version(LOCAL, "a", false), new Version(null, "b", false)))
                .isEqualTo(refused);
        assertThat(ConflictDecision.badName(LOCAL, new Version(LOCAL, "a", false), new Version(null, "a", false)))
                .isEqualTo(new Decision.Same());
    }

    @Test
    void earlierClaimWinsThenNameOrderAndUnknownTimesLose() {
        Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
        Map<String, Instant> m = new LinkedHashMap<>();
        m.put("zeta", t0);
        m.put("alpha", t0.plusSeconds(1));
        assertThat(ConflictDecision.claimWinner(m)).isEqualTo("zeta");
        m.put("alpha", t0);
        assertThat(ConflictDecision.claimWinner(m)).isEqualTo("alpha");
        Map<String, Instant> unknown = new LinkedHashMap<>();
        unknown.put("alpha", null);
        unknown.put("beta", t0);
        assertThat(ConflictDecision.claimWinner(unknown)).isEqualTo("beta");
    }

    @Test
    void keepParsesShortAndLongNames() {
        assertThat(Keep.parse("ours")).isEqualTo(Keep.OURS);
        assertThat(Keep.parse("keep_theirs")).isEqualTo(Keep.THEIRS);
        assertThat(Keep.parse("BOTH")).isEqualTo(Keep.BOTH);
        assertThat(Keep.parse("skip")).isEqualTo(Keep.SKIP);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Keep.parse("mine"))
                .hasMessageContaining("ours, theirs, both, skip");
    }
}
