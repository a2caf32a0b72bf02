package io.vaultsync.claim;

import io.vaultsync.OpsEvents;
import io.vaultsync.sync.FileMove;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.sync.ClaimLog;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent's part in the lease protocol, once per cycle before the scan: it renews the leases of
 * the tasks it holds once less than half is left (a task moved into its folder by hand gets a lease), and
 * returns other agents' tasks whose lease has expired to {@code Needs_Action/}, with a record in the
 * task's front matter, the commit and the claim log. If the holder renewed meanwhile, the return loses on
 * the remote and is undone; if the return lands first, the holder's later edits are kept aside with a card.
 */
public final class LeaseKeeper implements SyncCycle.Prelude {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    private final Duration leaseLength;
    private final OpsEvents events;

    public LeaseKeeper(Duration leaseLength) {
        this(leaseLength, OpsEvents.NONE);
    }

    /** A keeper that tells {@code events} of each renewal and each return of an expired lease. */
    public LeaseKeeper(Duration leaseLength, OpsEvents events) {
        this.leaseLength = leaseLength;
        this.events = events;
    }

    @Override
    public void run(CycleContext ctx) throws IOException {
        String me = ctx.settings().name();
        Path wt = ctx.vault().workTree();
        for (String task : tasksIn(wt.resolve(ClaimPaths.IN_PROGRESS + me))) {
            Path f = wt.resolve(ClaimPaths.claimedBy(me, task));
            byte[] bytes = Files.readAllBytes(f);
            Optional<Lease> lease = LeaseFrontMatter.read(bytes);
            if (lease.isPresent() && lease.get().agent().equals(me) && !lease.get().dueForRenewal(ctx.now())) continue;
            Lease next = lease.filter(l -> l.agent().equals(me)).map(l -> l.renewed(ctx.now()))
                    .orElseGet(() -> Lease.fresh(me, ctx.settings().machine(), ctx.now(), leaseLength));
            AtomicFiles.write(f, LeaseFrontMatter.write(bytes, next)); // committed by this cycle's scan
            ctx.wrote(ClaimPaths.claimedBy(me, task));
            LOG.info("lease of {} renewed until {}", task, next.expires());
            events.leaseRenewed();
        }
        for (AgentSpec other : ctx.policy().agents()) {
            if (other.name().equals(me)) continue;
            for (String task : tasksIn(wt.resolve(ClaimPaths.IN_PROGRESS + other.name()))) {
                returnIfExpired(ctx, other.name(), task);
            }
        }
    }

    private void returnIfExpired(CycleContext ctx, String holder, String task) throws IOException {
        Path wt = ctx.vault().workTree();
        String from = ClaimPaths.claimedBy(holder, task);
        String to = ClaimPaths.unclaimed(task);
        Optional<Lease> lease = LeaseFrontMatter.read(Files.readAllBytes(wt.resolve(from)));
        if (lease.isEmpty() || !lease.get().expiredAt(ctx.now()) || Files.exists(wt.resolve(to), LinkOption.NOFOLLOW_LINKS)) {
            return; // no lease (moved by hand) never expires; an occupied Needs_Action/ slot is left to a person
        }
        String me = ctx.settings().name();
        String record = holder + " (lease expired " + lease.get().expires() + ", returned by " + me + " at "
                + ctx.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
        FileMove.move(ctx, task, from, to, bytes -> LeaseFrontMatter.strip(bytes, record),
                "vaultsync: " + me + " returns " + task + " (lease of " + holder + " expired)");
        ClaimLog.append(ctx.vault().gitDir(), new ClaimLog.Entry(ctx.now(), "return", task, me, "returned: " + record));
        LOG.info("returned {} to {}: lease of {} expired at {}", task, ClaimPaths.UNCLAIMED, holder, lease.get().expires());
        events.leaseExpired();
    }

    /** Plain task files directly in a folder (sorted); a missing folder has none. */
    static List<String> tasksIn(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }
}
