package io.vaultsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.conflict.ConflictRules.Replay;
import io.vaultsync.conflict.ConflictRules.Update;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConflictRulesTest {
    static Stream<Arguments> replays() {
        return Stream.of(
                // base, ours, theirs -> decision, kind
                Arguments.of("a", "b", "a", Replay.APPLY_OURS, ConflictKind.CONTENT),
                Arguments.of("a", "b", "b", Replay.ALREADY_THERE, ConflictKind.CONTENT),
                Arguments.of("a", "b", "c", Replay.APPLY_OURS_SAVE_THEIRS, ConflictKind.CONTENT),
                Arguments.of("a", null, "c", Replay.APPLY_OURS_SAVE_THEIRS, ConflictKind.MODIFY_DELETE),
                Arguments.of("a", "b", null, Replay.APPLY_OURS_OVER_DELETION, ConflictKind.MODIFY_DELETE),
                Arguments.of("a", null, null, Replay.ALREADY_THERE, ConflictKind.MODIFY_DELETE),
                Arguments.of(null, "b", null, Replay.APPLY_OURS, ConflictKind.MODIFY_DELETE),
                Arguments.of(null, "b", "c", Replay.APPLY_OURS_SAVE_THEIRS, ConflictKind.ADD_ADD),
                Arguments.of(null, "b", "b", Replay.ALREADY_THERE, ConflictKind.ADD_ADD));
    }

    @ParameterizedTest(name = "base={0} ours={1} theirs={2} -> {3}")
    @MethodSource("replays")
    void replayKeepsOursInPlaceAndNeverDropsTheirs(String base, String ours, String theirs, Replay want, ConflictKind kind) {
        assertThat(ConflictRules.onReplay(base, ours, theirs)).isEqualTo(want);
        if (want == Replay.APPLY_OURS_SAVE_THEIRS) assertThat(ConflictRules.kindOf(base, ours, theirs)).isEqualTo(kind);
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                // localIsOld, localIsNew, dropped, remoteChanged, exists, mine, blocked -> action
                Arguments.of(true, false, false, true, true, false, false, Update.APPLY),
                Arguments.of(true, false, false, true, true, true, false, Update.APPLY),
                Arguments.of(false, true, false, true, true, false, false, Update.NOTHING),
                Arguments.of(false, true, true, true, true, false, false, Update.NOTHING),
                Arguments.of(false, false, false, true, true, true, false, Update.KEEP_LOCAL),
                Arguments.of(true, false, true, false, true, true, false, Update.KEEP_LOCAL),
                Arguments.of(true, false, true, false, true, false, false, Update.KEEP_LOCAL),
                Arguments.of(false, false, true, false, false, false, false, Update.KEEP_LOCAL),
                Arguments.of(false, false, false, true, true, false, false, Update.SAVE_LOCAL_THEN_APPLY),
                Arguments.of(true, false, true, true, true, false, false, Update.SAVE_LOCAL_THEN_APPLY),
                Arguments.of(false, false, false, true, true, false, true, Update.KEEP_BLOCKED),
                Arguments.of(false, false, false, true, false, false, false, Update.APPLY),
                Arguments.of(false, false, false, true, false, true, false, Update.KEEP_LOCAL));
    }

    @ParameterizedTest(name = "old={0} new={1} dropped={2} remoteChanged={3} exists={4} mine={5} blocked={6} -> {7}")
    @MethodSource("updates")
    void workTreeUpdateNeverOverwritesBytesThatExistNowhereElse(boolean old, boolean isNew, boolean dropped,
            boolean remoteChanged, boolean exists, boolean mine, boolean blocked, Update want) {
        assertThat(ConflictRules.onUpdate(old, isNew, dropped, remoteChanged, exists, mine, blocked)).isEqualTo(want);
    }
}
