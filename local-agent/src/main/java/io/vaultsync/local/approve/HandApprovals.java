package io.vaultsync.local.approve;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.local.approve.ApprovedItem;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person on this desktop may approve with {@code mv} instead of {@code approve}: a draft that left
 * {@code Pending_Approval/<domain>/} in this work tree and sits, not yet committed, in {@code Approved/}
 * gets the same stamp and a recorded approval id, before the cycle commits the move. Only such moves are
 * stamped: a file that arrived in {@code Approved/} through a fetch is already committed, and a file made
 * in {@code Approved/} from nothing has no domain; neither is executed.
 */
public final class HandApprovals implements SyncCycle.Prelude {
    private static final Logger LOG = LoggerFactory.getLogger(HandApprovals.class);

    @Override
    public void run(CycleContext ctx) throws IOException {
        ObjectId head = ctx.vault().head();
        if (head == null) return;
        Path wt = ctx.vault().workTree();
        try (RevWalk rw = new RevWalk(ctx.vault().repository())) {
            RevTree tree = rw.parseCommit(head).getTree();
            for (ApprovedItem item : ApprovedItem.list(wt)) {
                if (item.key() != null || WorkTreeScan.blobAt(ctx.vault().repository(), tree, item.path()) != null) continue;
                String domain = movedFrom(ctx, tree, wt, item.name());
                if (domain == null) continue;
                Path f = wt.resolve(item.path());
                String from = DraftPath.PENDING + domain + "/" + item.name();
                Approvals.Draft draft = Approvals.Draft.of(from, Files.readAllBytes(f));
                var prior = Approvals.prior(ctx.vault().gitDir(), draft);
                if (prior.isPresent()) {
                    // at most one execution per draft: a second approval takes `approve --again`
                    LOG.warn("{}: {} was approved here before (approval {} at {}); not approved again, not executed;"
                            + " to act on it a second time: approve --again", item.path(), from, prior.get().approvalId(),
                            prior.get().time());
                    continue;
                }
                String id = UUID.randomUUID().toString();
                byte[] stamped = VerdictStamp.stamp(Files.readAllBytes(f), Verdict.APPROVE, domain, ctx.settings().name(),
                        ctx.settings().machine(), ctx.now(), id, null);
                Approvals.record(ctx.vault().gitDir(), id, item.path(), ctx.settings().name(), ctx.now(), draft);
                AtomicFiles.write(f, stamped); // committed, with the draft's removal, by this cycle's scan
                ctx.wrote(item.path());
                ctx.wrote("Pending_Approval/" + domain + "/" + item.name());
                LOG.info("{}: approved by hand on this machine; stamped with approval {}", item.path(), id);
            }
        }
    }

    /** The domain of the committed draft {@code Pending_Approval/<domain>/name} that is gone from the work tree, or null. */
    private static String movedFrom(CycleContext ctx, RevTree tree, Path wt, String name) throws IOException {
        var repo = ctx.vault().repository();
        ObjectId pending;
        try (TreeWalk at = TreeWalk.forPath(repo, "Pending_Approval", tree)) {
            if (at == null || !at.isSubtree()) return null;
            pending = at.getObjectId(0);
        }
        try (TreeWalk domains = new TreeWalk(repo)) {
            domains.addTree(pending);
            while (domains.next()) {
                String domain = domains.getNameString();
                String draft = DraftPath.PENDING + domain + "/" + name;
                if (domains.isSubtree() && !domain.equals(DraftPath.CONFLICTS)
                        && WorkTreeScan.blobAt(repo, tree, draft) != null
                        && !Files.exists(wt.resolve(draft), LinkOption.NOFOLLOW_LINKS)) {
                    return domain;
                }
            }
        }
        return null;
    }
}
