package io.vaultsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.conflict.WorkTreeUpdate.Update;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkTreeUpdateTest {
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
        assertThat(WorkTreeUpdate.of(new WorkTreeUpdate.File(old, isNew, dropped, remoteChanged, exists, mine, blocked)))
                .isEqualTo(want);
    }
}
