package io.vaultsync.git;

import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.TestVaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big commit's objects go into one pack (no loose object per file, so no fsync per file and no automatic gc
 * to pack them again on the next fetch); a small commit's stay loose. Either way C git reads the clone and
 * the remote gets every file.
 */
class ObjectSinkTest {
    @TempDir
    Path root;

    @Test
    void aFirstSyncOfManyFilesWritesOnePackAndNoLooseObjects() throws Exception {
        TestVaults v = TestVaults.create(root);
        long looseBefore = loose(v.cloud());
        long packsBefore = packs(v.cloud());
        int n = ObjectSink.PACK_FROM + 50;
        for (int i = 0; i < n; i++) write(v.cloud(), "Plans/p" + (i % 7) + "/f" + i + ".md", "plan " + i + "\n");

        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.Synced.class);

        assertThat(loose(v.cloud())).isEqualTo(looseBefore);
        assertThat(packs(v.cloud())).isEqualTo(packsBefore + 1);
        assertThat(CGit.run(v.cloud(), "status", "--porcelain")).isBlank(); // the index matches the files
        CGit.assertFsckStrict(v.cloud());
        var remote = RemoteTree.files(v.remote(), "main");
        for (int i = 0; i < n; i++) assertThat(remote).containsEntry("Plans/p" + (i % 7) + "/f" + i + ".md", "plan " + i + "\n");
    }

    @Test
    void aSmallCommitStaysInLooseObjects() throws Exception {
        TestVaults v = TestVaults.create(root);
        long packsBefore = packs(v.cloud());
        long looseBefore = loose(v.cloud());
        for (int i = 0; i < 3; i++) write(v.cloud(), "Plans/s" + i + ".md", "small " + i + "\n");

        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.Synced.class);

        assertThat(packs(v.cloud())).isEqualTo(packsBefore);
        assertThat(loose(v.cloud())).isGreaterThanOrEqualTo(looseBefore + 3 + 2 + 1); // 3 blobs, 2 trees, a commit
        CGit.assertFsckStrict(v.cloud());
    }

    @Test
    void packingStartsAtTheUnpackLimit() {
        assertThat(ObjectSink.packs(ObjectSink.PACK_FROM - 1)).isFalse();
        assertThat(ObjectSink.packs(ObjectSink.PACK_FROM)).isTrue();
    }

    private static long loose(Path vault) throws IOException {
        try (Stream<Path> s = Files.walk(vault.resolve(".git/objects"))) {
            return s.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
                    .count();
        }
    }

    private static long packs(Path vault) throws IOException {
        try (Stream<Path> s = Files.list(vault.resolve(".git/objects/pack"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".idx")).count();
        }
    }
}
