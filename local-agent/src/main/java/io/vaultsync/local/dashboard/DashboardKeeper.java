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
 * Keeps {@code Dashboard.md} in step, in each round of the local agent's cycles right after the scan's
 * commit: it is rewritten only when its bytes would change (and then committed by the cycle at once), and
 * only by an agent whose zones hold it. It shows the branch as this agent is about to push it: only what
 * is committed and passed the secret gate, never a file that exists only in the work tree. A change
 * fetched in one cycle shows in the next.
 *
 * <p>It shows no blocked path, not even by name (the name may be the secret); the cycle's report and log
 * say what the gate held back.
 *
 * <p>The dashboard never stops a sync: when it cannot be computed (an unreadable object, say), the previous
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

    /** Nothing before the scan: what the scan commits is shown in the same round. */
    @Override
    public void run(CycleContext ctx) {}

    @Override
    public void afterCommit(CycleContext ctx) throws IOException {
        if (!ctx.zones().mayWrite(ctx.settings().name(), DashboardInputs.DASHBOARD)) return;
        byte[] next;
        try {
            next = DashboardView.bytes(DashboardInputs.collect(ctx, quietAfter));
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("{} left as it was: cannot read what it shows: {}", DashboardInputs.DASHBOARD, e.toString(), e);
            return;
        }
        Path f = ctx.vault().workTree().resolve(DashboardInputs.DASHBOARD);
        boolean same = Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(f), next);
        if (!same) AtomicFiles.write(f, next);
        // scanned either way: committed unless the branch has these bytes already (a crash may have kept them back)
        ctx.wrote(DashboardInputs.DASHBOARD);
    }
}
