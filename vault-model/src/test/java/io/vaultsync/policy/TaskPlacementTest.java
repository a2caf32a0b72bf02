package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.policy.TaskMove.Kind;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaskPlacementTest {
    static final String ME = "cloud";

    record MoveRow(Kind kind, String sourceNow, String sourceBefore, boolean holds) {}

    static Stream<MoveRow> moves() {
        return Stream.of(
                new MoveRow(Kind.CLAIM, "a", "a", true),
                new MoveRow(Kind.CLAIM, "b", "a", true), // a claim needs the task still waiting, not unchanged
                new MoveRow(Kind.CLAIM, null, "a", false), // someone else took it meanwhile
                new MoveRow(Kind.RELEASE, "b", "a", true),
                new MoveRow(Kind.HANDOFF, null, "a", false),
                new MoveRow(Kind.TAKEOVER, "a", "a", true),
                new MoveRow(Kind.TAKEOVER, "b", "a", false), // the holder renewed its lease: still at work
                new MoveRow(Kind.RETURN, "b", "a", false),
                new MoveRow(Kind.RETURN, null, "a", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moves")
    void aMoveHoldsWhileItsSourceIsThereAndATakeoverOnlyWhileUnchanged(MoveRow r) {
        TaskMove m = new TaskMove(r.kind(), "t.md", "from/t.md", "to/t.md", null);
        assertThat(TaskPlacement.moveHolds(m, r.sourceNow(), r.sourceBefore())).isEqualTo(r.holds());
    }

    record PlaceRow(TaskPlacement.Remote remote, boolean elsewhere) {}

    static Stream<PlaceRow> places() {
        return Stream.of(
                // our claim was undone earlier in the replay: whatever the remote shows
                new PlaceRow(new TaskPlacement.Remote(true, true, true, false, null), true),
                // the remote still has our copy: ours to write
                new PlaceRow(new TaskPlacement.Remote(false, true, true, false, null), false),
                new PlaceRow(new TaskPlacement.Remote(false, true, false, true, "local"), false),
                // the remote removed the copy we had: someone took the task or it moved on
                new PlaceRow(new TaskPlacement.Remote(false, false, true, false, null), true),
                // new here, while the remote has it waiting or in someone's hands
                new PlaceRow(new TaskPlacement.Remote(false, false, false, true, null), true),
                new PlaceRow(new TaskPlacement.Remote(false, false, false, false, "local"), true),
                // new here and nowhere on the remote: a task of our own making
                new PlaceRow(new TaskPlacement.Remote(false, false, false, false, null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void aTaskLivesElsewhereWhenOurCopyWouldBeASecondOne(PlaceRow r) {
        assertThat(TaskPlacement.livesElsewhere(r.remote())).isEqualTo(r.elsewhere());
    }

    record HolderRow(Set<String> present, String holder, String theirsAt) {}

    static Stream<HolderRow> holders() {
        return Stream.of(
                new HolderRow(Set.of(), null, null),
                new HolderRow(Set.of("Needs_Action/t.md"), null, "Needs_Action/t.md"),
                new HolderRow(Set.of("In_Progress/cloud/t.md"), null, null), // our own copy is no holder
                new HolderRow(Set.of("In_Progress/local/t.md", "Needs_Action/t.md"), "local", "In_Progress/local/t.md"),
                new HolderRow(Set.of("In_Progress/other/t.md", "In_Progress/local/t.md"), "local", "In_Progress/local/t.md"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holders")
    void theHolderIsTheFirstOtherAgentInPolicyOrderAndItsCopyIsTheOneThatStays(HolderRow r) {
        String holder = TaskPlacement.holder(ME, List.of(ME, "local", "other"), "t.md", r.present()::contains);
        assertThat(holder).isEqualTo(r.holder());
        assertThat(TaskPlacement.theirsAt("t.md", holder, r.present()::contains)).isEqualTo(r.theirsAt());
    }
}
