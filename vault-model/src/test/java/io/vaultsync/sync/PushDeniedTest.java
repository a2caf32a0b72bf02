package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.transport.TransportFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that refuses the push itself (a pre-receive hook, as a protected branch or a read-only key
 * does) is "push not permitted", not a lost race to retry twelve times; nothing is lost, and once the
 * server allows it again the next cycle pushes.
 */
class PushDeniedTest {
    @TempDir
    Path root;

    @Test
    void aHookThatDeclinesThePushIsPushDeniedAndTheWorkWaitsForTheNextCycle() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path hook = v.remote().resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'branch main is protected' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestVaults.write(v.cloud(), "Plans/held.md", "written while pushes are refused\n");

        SyncReport r = v.syncCloud();

        assertThat(r.outcome()).isInstanceOfSatisfying(SyncOutcome.Offline.class, o -> {
            assertThat(o.failure().kind()).isEqualTo(TransportFailure.Kind.PUSH_DENIED);
            assertThat(o.reason()).contains("refused the push");
        });
        assertThat(SyncState.read(v.cloud().resolve(".git")).transportError().kind()).isEqualTo("PUSH_DENIED");
        assertThat(RemoteTree.files(v.remote(), "main")).doesNotContainKey("Plans/held.md");

        Files.delete(hook);
        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.Synced.class);
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/held.md");
        assertThat(SyncState.read(v.cloud().resolve(".git")).transportError()).isNull();
    }
}
