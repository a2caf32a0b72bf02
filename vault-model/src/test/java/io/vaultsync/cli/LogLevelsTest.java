package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogLevelsTest {
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(new String[] {"status", "/v"}, Map.of(LogLevels.LEVEL, "WARN")),
                Arguments.of(new String[] {"run", "/v"}, Map.of(LogLevels.LEVEL, "INFO")),
                Arguments.of(new String[] {"sync", "/v", "--verbose"}, Map.of(LogLevels.LEVEL, "DEBUG",
                        LogLevels.EXCEPTION, "%ex", LogLevels.SSH_LEVEL, "DEBUG")),
                Arguments.of(new String[] {"run", "--verbose", "/v"}, Map.of(LogLevels.LEVEL, "DEBUG",
                        LogLevels.EXCEPTION, "%ex", LogLevels.SSH_LEVEL, "DEBUG")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void oneShotCommandsAreQuietTheDaemonSaysWhatItDoesVerboseSaysAll(String[] args, Map<String, String> expected) {
        assertThat(LogLevels.of(args).variables()).isEqualTo(expected);
    }
}
