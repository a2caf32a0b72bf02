package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** A full disk is said as such, with its own exit code, not as "not a usable vault" (6) or a failure (1). */
class DiskFullTest {
    @Test
    void enospcAnywhereInTheChainIsDiskFull() {
        var enospc = new FileSystemException("/v/.git/objects/ab/tmp", null, "No space left on device");
        var wrapped = new VaultStateException("cannot write checkpoint: " + enospc.getMessage(), enospc);
        for (Throwable e : new Throwable[] {enospc, wrapped, new IOException("Disk quota exceeded")}) {
            assertThat(AgentCli.exitCode(e)).isEqualTo(ExitCodes.DISK_FULL);
            assertThat(AgentCli.message(e)).startsWith("the disk is full").contains("nothing was lost");
        }
        assertThat(AgentCli.exitCode(new VaultStateException("x is not a vault clone"))).isEqualTo(ExitCodes.BAD_VAULT);
    }
}
