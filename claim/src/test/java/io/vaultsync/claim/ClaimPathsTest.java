package io.vaultsync.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimPathsTest {
    @Test
    void claimMovesATaskIntoTheClaimersFolder() {
        assertThat(ClaimPaths.unclaimed("EMAIL_x.md")).isEqualTo("Needs_Action/EMAIL_x.md");
        assertThat(ClaimPaths.claimedBy("cloud_agent", "EMAIL_x.md")).isEqualTo("In_Progress/cloud_agent/EMAIL_x.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b.md", "..\\x", " "})
    void namesThatEscapeTheFolderAreRefused(String bad) {
        assertThatThrownBy(() -> ClaimPaths.unclaimed(bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
