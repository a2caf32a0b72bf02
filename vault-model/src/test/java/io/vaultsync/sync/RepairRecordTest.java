package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.git.ScanScope;
import io.vaultsync.journal.Journal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repair is recorded (report and journal) only when something was repaired. */
class RepairRecordTest {
    @TempDir
    Path root;

    SyncReport cycle(TestVaults v, ScanScope scope) throws Exception {
        return new SyncCycle(v.cloudAgent(), Clock.systemUTC(), Backoff.DEFAULT, Duration.ofSeconds(5))
                .run(v.cloud(), SyncCycle.Prelude.NONE, scope);
    }

    @Test
    void aTempFileTheWatcherReportedButThatIsGoneIsNoRepairOneThatIsThereIs() throws Exception {
        TestVaults v = TestVaults.create(root);
        String temp = "Plans/.draft.md.vaultsync-tmp";

        SyncReport nothing = cycle(v, ScanScope.paths(Set.of(temp)));
        assertThat(nothing.repaired()).isEmpty();
        assertThat(String.join("\n", Journal.lines(v.cloud().resolve(".git")))).doesNotContain("interrupted write");

        TestVaults.write(v.cloud(), temp, "half a draft");
        SyncReport repaired = cycle(v, ScanScope.paths(Set.of(temp)));
        assertThat(repaired.repaired()).containsExactly("removed interrupted write " + temp);
        assertThat(v.cloud().resolve(temp)).doesNotExist();
        assertThat(String.join("\n", Journal.lines(v.cloud().resolve(".git")))).contains("interrupted write");
    }
}
