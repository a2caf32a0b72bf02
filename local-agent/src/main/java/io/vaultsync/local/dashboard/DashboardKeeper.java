package io.vaultsync.local.dashboard;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Keeps {@code Dashboard.md} in step, in each cycle of the local agent before the scan: it is rewritten
 * only when its bytes would change (the cycle's scan commits it), and only by an agent whose zones hold it.
 * It reflects the clone as the cycle starts, so a change fetched in one cycle shows in the next.
 */
public final class DashboardKeeper implements SyncCycle.Prelude {
    @Override
    public void run(CycleContext ctx) throws IOException {
        if (!ctx.zones().mayWrite(ctx.settings().name(), DashboardInputs.DASHBOARD)) return;
        byte[] next = DashboardView.bytes(DashboardInputs.collect(ctx));
        Path f = ctx.vault().workTree().resolve(DashboardInputs.DASHBOARD);
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(f), next)) return;
        AtomicFiles.write(f, next);
    }
}
