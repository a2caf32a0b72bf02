package io.vaultsync.local.dashboard;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code Dashboard.md} in step, in each cycle of the local agent before the scan: it is rewritten
 * only when its bytes would change (the cycle's scan commits it), and only by an agent whose zones hold it.
 * It reflects the clone as the cycle starts, so a change fetched in one cycle shows in the next.
 *
 * <p>The dashboard never stops a sync: when it cannot be computed (an unreadable file, say), the previous
 * one stays, a warning is logged, and the cycle goes on.
 */
public final class DashboardKeeper implements SyncCycle.Prelude {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardKeeper.class);
    private final Duration quietAfter;

    /** Another agent with no sync for 24 hours is shown as quiet. */
    public DashboardKeeper() {
        this(DashboardInputs.QUIET_AFTER);
    }

    /** Another agent with no sync for longer than {@code quietAfter} is shown as quiet. */
    public DashboardKeeper(Duration quietAfter) {
        Objects.requireNonNull(quietAfter, "quietAfter");
        if (quietAfter.isNegative() || quietAfter.isZero()) throw new IllegalArgumentException("quietAfter must be positive");
        this.quietAfter = quietAfter;
    }

    @Override
    public void run(CycleContext ctx) throws IOException {
        if (!ctx.zones().mayWrite(ctx.settings().name(), DashboardInputs.DASHBOARD)) return;
        byte[] next;
        try {
            next = DashboardView.bytes(DashboardInputs.collect(ctx, quietAfter));
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("{} left as it was: cannot read what it shows: {}", DashboardInputs.DASHBOARD, e.toString(), e);
            return;
        }
        Path f = ctx.vault().workTree().resolve(DashboardInputs.DASHBOARD);
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(f), next)) return;
        AtomicFiles.write(f, next);
        ctx.wrote(DashboardInputs.DASHBOARD);
    }
}
