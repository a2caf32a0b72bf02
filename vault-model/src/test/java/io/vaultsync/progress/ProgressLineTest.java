package io.vaultsync.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the terminal line says for a phase at a moment, and when it is redrawn: from tables. */
class ProgressLineTest {
    private static final long MS = 1_000_000L;

    static Stream<Arguments> lines() {
        return Stream.of(
                // phase, unit, total count, total bytes, count, bytes, elapsed ms -> line
                Arguments.of("checking files", "files", 5000, -1, 1204, 35_862_118, 2900,
                        "checking files: 1204/5000, 34.2 MB, 11.8 MB/s, about 0:09 left"),
                Arguments.of("auditing history", "files", 200, 4096, 50, 1024, 3000,
                        "auditing history: 50/200 files, 1.0 KB/4.0 KB, 341 B/s, about 0:09 left"),
                Arguments.of("scanning files", "files", -1, -1, 12000, 0, 4000, "scanning files: 12000, 3000 files/s"),
                Arguments.of("Receiving objects", "objects", 5000, -1, 1000, 0, 2000,
                        "Receiving objects: 1000/5000, 500 objects/s, about 0:08 left"),
                Arguments.of("Resolving deltas", "deltas", -1, -1, 7, 0, 500, "Resolving deltas: 7"),
                Arguments.of("auditing history", "commits", 10, -1, 10, 0, 3000, "auditing history: 10/10 commits, 3 commits/s"),
                Arguments.of("checking files", "files", 0, -1, 0, 0, 2500, "checking files: 0/0, 0 files/s"),
                Arguments.of("hashing", "files", 3, 3L << 30, 1, 1L << 30, 3_600_000,
                        "hashing: 1/3 files, 1.0 GB/3.0 GB, 291.3 KB/s, about 2:00:00 left"),
                Arguments.of("a phase with a name far too long to fit on one line of an eighty column terminal", "files",
                        10, -1, 5, 0, 2000, "a phase with a name far too long to fit on one line of an eighty column terminal"
                                .substring(0, ProgressLine.WIDTH)));
    }

    @ParameterizedTest(name = "{0} {4}/{2} {5}/{3} after {6} ms")
    @MethodSource("lines")
    void aSnapshotIsDrawnAsOneLine(String phase, String unit, long totalCount, long totalBytes, long count, long bytes,
            long millis, String line) {
        String drawn = ProgressLine.render(new ProgressLine.Snapshot(phase, unit, totalCount, totalBytes, count, bytes,
                Duration.ofMillis(millis)));
        assertThat(drawn).isEqualTo(line).hasSizeLessThanOrEqualTo(ProgressLine.WIDTH).doesNotContain("\r", "\n");
    }

    @ParameterizedTest(name = "began {0} ms ago, last drawn {1} ms ago -> {2}")
    @CsvSource({
        // since the phase began (ms), since the last draw (ms, -1 never) -> draw now (threshold 2000 ms, every 250 ms)
        "0, -1, false",
        "1999, -1, false",
        "2000, -1, true",
        "2100, 100, false",
        "2249, 249, false",
        "2250, 250, true",
        "9000, 5000, true",
    })
    void drawnOnlyAfterTheThresholdAndAtMostFourTimesASecond(long began, long last, boolean draw) {
        assertThat(ProgressLine.drawNow(began * MS, last < 0 ? -1 : last * MS, 2000 * MS, 250 * MS)).isEqualTo(draw);
    }

    @ParameterizedTest(name = "{0} bytes = {1}")
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KB", "1536, 1.5 KB", "35862118, 34.2 MB", "1073741824, 1.0 GB",
        "9223372036854775807, 8.0 EB"})
    void bytesInHumanUnits(long n, String shown) {
        assertThat(ProgressLine.bytes(n)).isEqualTo(shown);
    }

    @Test
    void durationsAsAClock() {
        assertThat(ProgressLine.clock(Duration.ofSeconds(7))).isEqualTo("0:07");
        assertThat(ProgressLine.clock(Duration.ofSeconds(754))).isEqualTo("12:34");
        assertThat(ProgressLine.clock(Duration.ofSeconds(3 * 3600 + 61))).isEqualTo("3:01:01");
    }
}
