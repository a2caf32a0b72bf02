package io.vaultsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.sync.BlockedPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** When {@code status} may take the running agent's last scan instead of its own, and how scans add up. */
class DaemonRecordTest {
    static final Instant SCAN = Instant.parse("2026-12-03T12:00:00Z");
    static final DaemonRecord.Scan PICTURE = new DaemonRecord.Scan(SCAN, "abc", 100, 5000, 0,
            List.of(new BlockedPath("Plans/.env", "path:.env*")), List.of("Done/x.md"));
    static final DaemonRecord.TreeKey SAME = new DaemonRecord.TreeKey("abc", 100, 5000);

    static DaemonRecord record(boolean watching, DaemonRecord.Scan scan, Instant quietAt) {
        return new DaemonRecord(42, SCAN.minusSeconds(600), Duration.ofSeconds(30), watching, SCAN, "Synced", null, null,
                scan, quietAt);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // case                                   | watching | scan | quiet after scan (s) | now after scan (s) | key    | usable
        "quiet, fresh, same tree                  | true     | true | 10   | 40   | same   | true",
        "quiet just now                           | true     | true | 0    | 0    | same   | true",
        "quiet at the edge (interval + interval)  | true     | true | 10   | 70   | same   | true",
        "quiet too long ago: the loop may be stuck | true    | true | 10   | 71   | same   | false",
        "not watching: files may have changed     | false    | true | 10   | 11   | same   | false",
        "no scan picture (a failed cycle)         | true     | false| 10   | 11   | same   | false",
        "never quiet since the scan               | true     | true | -1   | 11   | same   | false",
        "HEAD moved (a sync by hand)              | true     | true | 10   | 11   | head   | false",
        "index changed (git add by hand)          | true     | true | 10   | 11   | index  | false",
    })
    void theDaemonsScanIsUsedOnlyWhileItsWatcherVouchesForIt(String why, boolean watching, boolean hasScan, long quiet,
            long now, String key, boolean usable) {
        DaemonRecord r = record(watching, hasScan ? PICTURE : null, quiet < 0 ? null : SCAN.plusSeconds(quiet));
        if (quiet < 0) r = r.withQuietAt(SCAN.minusSeconds(1));
        DaemonRecord.TreeKey k = switch (key) {
            case "same" -> SAME;
            case "head" -> new DaemonRecord.TreeKey("def", 100, 5000);
            default -> new DaemonRecord.TreeKey("abc", 100, 6000);
        };
        assertThat(r.scanUsable(SCAN.plusSeconds(now), k)).as(why).isEqualTo(usable);
    }

    @Test
    void aShortIntervalStillGetsAFiveSecondMargin() {
        DaemonRecord r = new DaemonRecord(42, SCAN, Duration.ofMillis(200), true, SCAN, "Synced", null, null, PICTURE,
                SCAN.plusSeconds(1));
        assertThat(r.scanUsable(SCAN.plusMillis(6_200), SAME)).isTrue();
        assertThat(r.scanUsable(SCAN.plusMillis(6_300), SAME)).isFalse();
    }

    @Test
    void aScanOfSomePathsReplacesWhatThePictureHadUnderThemAndKeepsTheRest() {
        DaemonRecord.Scan before = new DaemonRecord.Scan(SCAN, "abc", 1, 1, 0,
                List.of(new BlockedPath("Plans/.env", "path:.env*"), new BlockedPath("Plans/sub/key.pem", "path:*.pem"),
                        new BlockedPath("Updates/token.md", "content:token")),
                List.of("Done/x.md", "Approved/y.md"));
        DaemonRecord.Scan after = before.merge(Set.of("Plans/sub", "Approved/y.md"), SCAN.plusSeconds(5), "def", 2, 2,
                List.of(new BlockedPath("Plans/sub/new.key", "path:*.key")), List.of());
        assertThat(after.blocked()).extracting(BlockedPath::path)
                .containsExactly("Plans/.env", "Plans/sub/new.key", "Updates/token.md");
        assertThat(after.outsideZone()).containsExactly("Done/x.md");
        assertThat(after.head()).isEqualTo("def");
        assertThat(after.pending()).isZero();
        assertThat(before.merge(Set.of("Plans/su"), SCAN, "abc", 1, 1, List.of(), List.of()).blocked())
                .as("a scope is a file or a folder, not a prefix").hasSize(3);
    }

    @Test
    void aRecordRefusesWhatNoAgentWrites() {
        assertThatThrownBy(() -> new DaemonRecord(0, SCAN, Duration.ofSeconds(1), true, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pid must be positive");
        assertThatThrownBy(() -> new DaemonRecord(1, null, Duration.ofSeconds(1), true, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("started");
    }
}
