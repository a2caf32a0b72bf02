package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gate holds back is reported under the rule that holds it: a FIFO is no symlink, a tab no escape. */
class HygieneLabelsTest {
    @TempDir
    Path root;

    @Test
    void aFifoIsASpecialFileAndATabInANameIsABadNameAndNeitherIsCommitted() throws Exception {
        TestVaults v = TestVaults.create(root);
        Process mkfifo = new ProcessBuilder("mkfifo", v.cloud().resolve("Plans/pipe.md").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        TestVaults.write(v.cloud(), "Plans/tab\there.md", "x\n");
        TestVaults.write(v.cloud(), "Plans/fine.md", "x\n");

        SyncReport r = v.syncCloud();

        assertThat(r.blocked()).contains(new BlockedPath("Plans/pipe.md", "special-file"),
                new BlockedPath("Plans/tab\there.md", "bad-name"));
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/fine.md")
                .doesNotContainKeys("Plans/pipe.md", "Plans/tab\there.md");
    }
}
