package io.vaultsync.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.doctor.Check.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The machine decisions, each from a table: inotify limit against folders, free space, locale, clock skew. */
class MachineChecksTest {
    static final long MB = 1024L * 1024;

    @ParameterizedTest(name = "limit {0}, {1} folders -> {2}")
    @CsvSource({
        "8192,    100,    OK",
        "8192,    4096,   OK",
        "8191,    4096,   WARN",
        "4096,    4096,   WARN",
        "4095,    4096,   FAIL",
        "0,       1,      FAIL",
        "524288,  200000, OK",
        "524288,  300000, WARN",
    })
    void inotifyLimitAgainstTheVaultsFolders(long limit, long folders, Level expected) {
        Check c = MachineChecks.inotify(OptionalLong.of(limit), folders);
        assertThat(c.level()).isEqualTo(expected);
        assertThat(c.name()).isEqualTo("inotify watches");
        assertThat(c.detail()).contains("limit " + limit, folders + " folder");
        if (expected != Level.OK) {
            assertThat(c.fix()).startsWith("sudo sysctl fs.inotify.max_user_watches="
                    + Math.max(524288, 4 * folders));
        }
    }

    @ParameterizedTest(name = "{0} folders -> suggest {1}")
    @CsvSource({"1, 524288", "131072, 524288", "131073, 524292", "1000000, 4000000"})
    void theSuggestedLimitIsAtLeastTheFloorAndFourWatchesPerFolder(long folders, long suggested) {
        assertThat(MachineChecks.suggestedWatches(folders)).isEqualTo(suggested);
    }

    @org.junit.jupiter.api.Test
    void anUnreadableInotifyLimitIsAWarningThatCannotTell() {
        Check c = MachineChecks.inotify(OptionalLong.empty(), 12);
        assertThat(c.level()).isEqualTo(Level.WARN);
        assertThat(c.detail()).startsWith("cannot tell");
    }

    @ParameterizedTest(name = "{0} MB free -> {1}")
    @CsvSource({"0, FAIL", "99, FAIL", "100, WARN", "1023, WARN", "1024, OK", "80000, OK"})
    void diskSpaceThresholds(long mb, Level expected) {
        Check c = MachineChecks.disk(mb * MB, "vda");
        assertThat(c.level()).isEqualTo(expected);
        assertThat(c.detail()).contains("free on vda");
    }

    @org.junit.jupiter.api.Test
    void oneByteEitherSideOfTheThresholds() {
        assertThat(MachineChecks.disk(MachineChecks.DISK_FAIL_BELOW - 1, "d").level()).isEqualTo(Level.FAIL);
        assertThat(MachineChecks.disk(MachineChecks.DISK_FAIL_BELOW, "d").level()).isEqualTo(Level.WARN);
        assertThat(MachineChecks.disk(MachineChecks.DISK_WARN_BELOW - 1, "d").level()).isEqualTo(Level.WARN);
        assertThat(MachineChecks.disk(MachineChecks.DISK_WARN_BELOW, "d").level()).isEqualTo(Level.OK);
    }

    @ParameterizedTest(name = "jnu {0}, file {1} -> {2}")
    @CsvSource({
        "UTF-8,          UTF-8,          OK",
        "utf8,           UTF-8,          OK",
        "UTF-8,          ANSI_X3.4-1968, WARN",
        "ANSI_X3.4-1968, UTF-8,          WARN",
        "ANSI_X3.4-1968, ANSI_X3.4-1968, WARN",
        "ISO-8859-1,     ISO-8859-1,     WARN",
        ",               UTF-8,          WARN",
    })
    void localeMustBeUtf8ForFileNames(String jnu, String file, Level expected) {
        Check c = MachineChecks.locale(jnu, file);
        assertThat(c.level()).isEqualTo(expected);
        if (expected == Level.WARN) assertThat(c.fix()).contains("LANG=C.UTF-8");
    }

    @ParameterizedTest(name = "skew {0} ms -> {1}")
    @CsvSource({
        "0,        OK",
        "30000,    OK",
        "-30000,   OK",
        "30001,    WARN",
        "-45000,   WARN",
        "300000,   WARN",
        "300001,   FAIL",
        "-3600000, FAIL",
    })
    void clockSkewThresholds(long skewMillis, Level expected) {
        Check c = MachineChecks.clock(Duration.ofMillis(skewMillis), "git.example.org");
        assertThat(c.level()).isEqualTo(expected);
        assertThat(c.detail()).contains("git.example.org");
        if (expected != Level.OK) assertThat(c.fix()).contains("timedatectl");
    }

    @ParameterizedTest(name = "sent +{0} ms, received +{1} ms, server date +{2} s -> skew {3} ms")
    @CsvSource({
        "0,    0,    0,  -500",
        "0,    1000, 0,  0",
        "0,    200,  -60, 59600",
        "0,    0,    120, -120500",
    })
    void skewSplitsTheRoundTripAndAllowsForTheDateHeadersWholeSeconds(long sent, long received, long date, long skew) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(ServerClock.skew(t.plusMillis(sent), t.plusMillis(received), t.plusSeconds(date)))
                .isEqualTo(Duration.ofMillis(skew));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://git.example.org/team/vault.git,                 https://git.example.org/team/vault.git/info/refs?service=git-upload-pack",
        "https://x-access-token:ghp_secret@github.com/a/v.git/, https://github.com/a/v.git/info/refs?service=git-upload-pack",
        "http://bob:pw@10.0.0.5:8080/v,                           http://10.0.0.5:8080/v/info/refs?service=git-upload-pack",
    })
    void theClockRequestCarriesNoCredentials(String remote, String expected) {
        assertThat(ServerClock.probeUrl(remote)).isEqualTo(expected);
    }
}
