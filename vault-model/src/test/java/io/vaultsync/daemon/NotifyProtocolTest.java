package io.vaultsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.sync.LoopHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** systemd's notify protocol, the pure part: messages, where to send them, when to feed the watchdog. */
class NotifyProtocolTest {
    static final Instant T = Instant.parse("2026-12-03T12:00:00.123Z");

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "idle                                | STATUS=idle",
        "'two\nlines'                        | STATUS=two lines",
        "'tab\tand\r\nCRLF'                  | STATUS=tab and CRLF",
        "'  padded   blanks  '               | STATUS=padded blanks",
        "'ends with NUL\u0000'               | STATUS=ends with NUL",
        "'line\u2028separator'               | STATUS=line separator",
        "NULL                                | STATUS=",
    })
    void statusIsOneSanitisedLine(String text, String message) {
        assertThat(NotifyProtocol.status(text)).isEqualTo(message);
    }

    @Test
    void aLongStatusIsCutWithAnEllipsis() {
        String s = NotifyProtocol.status("x".repeat(1000));
        assertThat(s).hasSize("STATUS=".length() + NotifyProtocol.MAX_STATUS).endsWith("...");
    }

    @ParameterizedTest(name = "[{index}] NOTIFY_SOCKET={0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "/run/systemd/notify     | /run/systemd/notify",
        "@/org/freedesktop/sd    | @/org/freedesktop/sd",
        "NULL                    | NULL",
        "''                      | NULL",
        "@                       | NULL",
        "relative/path           | NULL",
        "vsock:2:1234            | NULL",
    })
    void onlyAbsolutePathsAndAbstractNamesAreSocketsToSendTo(String env, String socket) {
        assertThat(NotifyProtocol.socket(env)).isEqualTo(Optional.ofNullable(socket));
    }

    @ParameterizedTest(name = "[{index}] WATCHDOG_USEC={0} WATCHDOG_PID={1} -> every {2} ms")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "120000000 | NULL | 60000",
        "120000000 | 4242 | 60000",
        "120000000 | 4243 | NULL",
        "' 2000000 '| ' 4242 ' | 1000",
        "1         | NULL | 1",
        "NULL      | NULL | NULL",
        "0         | NULL | NULL",
        "-5        | NULL | NULL",
        "2min      | NULL | NULL",
        "''        | 4242 | NULL",
    })
    void theWatchdogIsFedEveryHalfPeriodAndOnlyByTheProcessItWatches(String usec, String pid, Long millis) {
        assertThat(NotifyProtocol.watchdogPeriod(usec, pid, 4242)).isEqualTo(
                Optional.ofNullable(millis).map(Duration::ofMillis));
    }

    @Test
    void theStatusLineSaysHowTheLoopAndItsLastCycleAre() {
        LoopHealth.Snapshot first = new LoopHealth.Snapshot(T, 0, true, null, null, null, null, null, 0, false);
        LoopHealth.Snapshot synced = new LoopHealth.Snapshot(T, 0, false, T, T, "Synced", null, null, 0, false);
        LoopHealth.Snapshot offline = new LoopHealth.Snapshot(T, 0, false, T, T.minusSeconds(60), "Offline",
                "cannot reach https://user:secret@example.com/v.git\nretrying", null, 3, false);
        LoopHealth.Snapshot never = new LoopHealth.Snapshot(T, 0, false, T, null, "failed", "boom", null, 1, true);
        assertThat(NotifyProtocol.statusLine(first, false)).isEqualTo("first cycle");
        assertThat(NotifyProtocol.statusLine(synced, false)).isEqualTo("running; last cycle 2026-12-03T12:00:00Z Synced");
        assertThat(NotifyProtocol.statusLine(synced, true))
                .isEqualTo("hung: a step or a wait overstayed hang_after; last cycle 2026-12-03T12:00:00Z Synced");
        assertThat(NotifyProtocol.statusLine(offline, false)).isEqualTo("running; last cycle 2026-12-03T12:00:00Z Offline"
                + " (3 in a row): cannot reach https://example.com/v.git retrying; last success 2026-12-03T11:59:00Z")
                .doesNotContain("secret");
        assertThat(NotifyProtocol.statusLine(never, false))
                .isEqualTo("stopping; last cycle 2026-12-03T12:00:00Z failed (1 in a row): boom; last success never");
    }
}
