package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the agent runs itself again under a UTF-8 locale. */
class Utf8RelaunchTest {
    @ParameterizedTest
    @CsvSource({"UTF-8, false, false", "utf8, false, false", "ANSI_X3.4-1968, false, true", "ISO-8859-1, false, true",
            "ANSI_X3.4-1968, true, false", ", false, true"})
    void onlyAJvmThatCannotNameUtf8FilesAndIsNotTheRelaunchItself(String jnu, boolean relaunched, boolean needed) {
        Map<String, String> env = relaunched ? Map.of(Utf8Relaunch.MARK, "1") : Map.of();
        assertThat(Utf8Relaunch.needed(jnu, env)).isEqualTo(needed);
    }
}
