package io.vaultsync.sync;

import io.vaultsync.integrate.IntegrationSetup;
import io.vaultsync.git.LocalBranch;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.CardReasons;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.integrate.CardMaker;
import io.vaultsync.git.Commits;
import io.vaultsync.integrate.IncomingCheck;
import io.vaultsync.integrate.LostClaim;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.integrate.Replayer;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.WorkTreeWriter;
import io.vaultsync.progress.JGitProgress;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch, put local commits on top of the remote head, bring the work tree along, push with the fetched
 * head as the expected old value; on a lost race, again, with backoff, a bounded number of times.
 */
final class Integrator {
    private static final Logger LOG = LoggerFactory.getLogger(Integrator.class);

    private final VaultRepo vault;
    private final SecretGate gate;
    private final IntegrationSetup setup;
    private final Replayer replayer;
    private final IncomingCheck incoming;
    private final Backoff backoff;
    private final ProgressMonitor monitor;
    /** Why the last attempt did not land: a push rejection or a transport failure. */
    private String lastRejection = "";
    /** Pushes of this run another writer beat. */
    private int lostRaces;
    /** Whether a fetch of this run reached the remote: only then is a transport failure worth a retry. */
    private boolean reached;
    /** Transport failures tolerated within one cycle before it reports the remote unreachable. */
    private static final int MAX_TRANSPORT_RETRIES = 3;

    /**
     * Integrates into {@code vault} as {@code setup} says, new files passing {@code gate}, retrying as {@code backoff}
     * allows; how fetches and pushes go is told to {@code progress}.
     */
    Integrator(VaultRepo vault, SecretGate gate, IntegrationSetup setup, Backoff backoff, Progress progress) {
        this.vault = vault;
        this.gate = gate;
        this.setup = setup;
        this.replayer = new Replayer(setup);
        this.incoming = new IncomingCheck(setup);
        this.backoff = backoff;
        this.monitor = JGitProgress.of(progress);
    }

    /** What integrating did; a transport failure that is not worth another try is thrown. */
    Integration run() throws IOException {
        int transportFailures = 0;
        long start = System.nanoTime();
        int attempt = 1;
        for (; backoff.mayTry(attempt, Duration.ofNanos(System.nanoTime() - start)); attempt++) {
            pause(backoff.before(attempt));
            try {
                Integration done = attempt(attempt);
                if (done != null) return done;
            } catch (RemoteException e) {
                // a server error in the middle of a push race is often transient: try again, a little; refused
                // credentials, an untrusted server, a missing repository or a denied push are not; nor is a remote
                // that did not answer the cycle's first fetch (each try would cost another network timeout)
                if (!e.failure().retryable() || !reached || ++transportFailures > MAX_TRANSPORT_RETRIES) throw e;
                LOG.info("attempt {}: {}; trying again", attempt, e.getMessage());
                lastRejection = e.getMessage();
            }
        }
        return Integration.only(new SyncOutcome.Contended(attempt - 1, lastRejection));
    }

    /** One fetch, branch update and push; null when the push lost the race (the reason is left in {@link #lastRejection}). */
    private Integration attempt(int attempt) throws IOException {
        ObjectId remote = RemoteBranch.fetch(vault, monitor);
        reached = true;
        ObjectId local = vault.head();
        if (local == null) throw new VaultStateException(vault.workTree() + " has no commits; run init");
        if (local.equals(remote)) return Integration.only(new SyncOutcome.UpToDate(remote.name()));
        BranchUpdate update = branchUpdate(local, remote);
        if (update.tip().equals(remote)) {
            return apply(update, new SyncOutcome.Synced(remote.name(), 0, Commits.count(vault.repository(), remote, local),
                    lostRaces));
        }
        // the work tree is brought along only once the push has landed: a lost race costs no file writes
        RemoteBranch.PushOutcome pushed = RemoteBranch.push(vault, update.tip(), remote, monitor);
        if (pushed instanceof RemoteBranch.PushOutcome.Pushed p) {
            return apply(update, new SyncOutcome.Synced(p.tip().name(), Commits.count(vault.repository(), update.tip(), remote),
                    Commits.count(vault.repository(), remote, local), lostRaces));
        }
        RemoteBranch.PushOutcome.Rejected r = (RemoteBranch.PushOutcome.Rejected) pushed;
        lastRejection = (r.status() + " " + r.message()).trim();
        lostRaces++;
        LOG.info("push attempt {} lost the race ({}); fetching again", attempt, lastRejection);
        return null;
    }

    /**
     * Where the branch goes, from the local head {@code from} to {@code tip} (a commit containing the remote head
     * and every change we may make), with what replaying and checking left out, raised or refused on the way.
     */
    private record BranchUpdate(RevCommit from, RevCommit tip, Set<String> dropped, Set<String> droppedRemoteChanged,
            List<ConflictCard> cards, List<LostClaim> lostClaims, Set<String> diverted, List<IncomingCheck.Refusal> refused) {
        static BranchUpdate to(RevCommit from, RevCommit tip) {
            return new BranchUpdate(from, tip, Set.of(), Set.of(), List.of(), List.of(), Set.of(), List.of());
        }
    }

    /** Computes the new tip in the object store only; nothing in the work tree or refs changes here. */
    private BranchUpdate branchUpdate(ObjectId local, ObjectId remote) throws IOException {
        try (RevWalk rw = new RevWalk(vault.repository())) {
            RevCommit localC = rw.parseCommit(local);
            if (remote == null) return BranchUpdate.to(localC, localC); // empty remote branch
            RevCommit remoteC = rw.parseCommit(remote);
            List<RevCommit> mine = localOnly(localC, remoteC);
            if (isAncestor(remoteC, localC)) {
                // nothing came in: our commits go as they are when every change in them is ours to make
                if (mine.isEmpty() || replayer.allCarried(mine)) return BranchUpdate.to(localC, localC);
            }
            // what came in is checked first: a write into our zones by someone without the right is undone on top
            IncomingCheck.Result in = incoming.verify(localC, remoteC);
            if (mine.isEmpty()) {
                return new BranchUpdate(localC, in.tip(), Set.of(), Set.of(), in.cards(), List.of(), Set.of(), in.refused());
            }
            Replayer.Result r = replayer.replay(mine, in.tip());
            List<ConflictCard> all = new ArrayList<>(in.cards());
            all.addAll(r.cards());
            return new BranchUpdate(localC, rw.parseCommit(r.tip()), r.dropped(), r.droppedRemoteChanged(), all,
                    r.lostClaims(), r.diverted(), in.refused());
        }
    }

    /**
     * Brings the work tree and the branch to the update's tip: a local edit of a path the tip gives to
     * someone else (an out-of-zone edit, or work on a task lost meanwhile) is saved aside with a card.
     */
    private Integration apply(BranchUpdate update, SyncOutcome outcome) throws IOException {
        List<ConflictCard> saved = new ArrayList<>();
        WorkTreeWriter writer = new WorkTreeWriter(vault,
                p -> setup.zones().mayWrite(setup.agent(), p) && !update.diverted().contains(p),
                (p, bytes) -> gate.check(p, false, bytes.length, bytes).blocked(),
                (p, bytes, theirs) -> saveLocal(update, p, bytes, theirs, saved));
        WorkTreeWriter.Result r = writer.update(update.from().getTree(), update.tip().getTree(), update.dropped(),
                update.droppedRemoteChanged());
        List<String> kept = new ArrayList<>(r.keptLocal());
        r.keptBlocked().forEach(p -> kept.add(SecretGate.shown(p) + " (held by the secret gate)"));
        io.vaultsync.git.LocalBranch.move(vault, update.from(), update.tip());
        List<ConflictCard> cards = new ArrayList<>(update.cards());
        cards.addAll(saved);
        return new Integration(outcome, cards, kept, r.errors(), update.lostClaims(), update.refused(), !saved.isEmpty());
    }

    /**
     * Saves this agent's uncommitted edit of a path the new head gives to someone else (an out-of-zone
     * edit, or work on a task lost meanwhile), with a card, in its own conflicts folder; the new head's
     * version then goes in place.
     */
    private String saveLocal(BranchUpdate update, String path, byte[] bytes, ObjectId theirsBlob, List<ConflictCard> saved)
            throws IOException {
        RevCommit tip = update.tip();
        boolean lost = update.diverted().contains(path);
        String owner = lost ? holderOf(update, path) : setup.zones().owner(path).orElse("nobody");
        var d = ConflictDecision.localEditGivenUp(setup.zones(), setup.agent(), path, lost, theirsBlob != null);
        byte[] theirs = theirsBlob == null ? null : vault.repository().open(theirsBlob, Constants.OBJ_BLOB).getBytes();
        ConflictCard card = setup.cardMaker().make(setup.cardMaker().newId("local-" + (saved.size() + 1)), d, path, path, null,
                new CardMaker.Bytes(setup.agent(), null, bytes), new CardMaker.Bytes(owner, tip.name(), theirs),
                CardReasons.localEditGivenUp(path, owner, lost));
        AtomicFiles.write(vault.workTree().resolve(card.saved().at()), bytes);
        AtomicFiles.write(vault.workTree().resolve(card.cardPath()), card.render().getBytes(StandardCharsets.UTF_8));
        saved.add(card);
        return card.saved().at();
    }

    private static String holderOf(BranchUpdate update, String path) {
        return update.lostClaims().stream().filter(l -> l.path().equals(path) && l.holder() != null).map(LostClaim::holder)
                .findFirst().orElse("the remote");
    }

    private List<RevCommit> localOnly(RevCommit local, RevCommit remote) throws IOException {
        try (RevWalk rw = new RevWalk(vault.repository())) {
            rw.setRevFilter(RevFilter.MERGE_BASE);
            rw.markStart(rw.parseCommit(local));
            rw.markStart(rw.parseCommit(remote));
            if (rw.next() == null) {
                throw new VaultStateException("the local branch and " + io.vaultsync.transport.Redact.url(vault.remoteUrl())
                        + " share no history; is this a clone of another vault?");
            }
        }
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(vault.repository())) {
            rw.sort(RevSort.TOPO, true);
            rw.sort(RevSort.REVERSE, true);
            rw.markStart(rw.parseCommit(local));
            rw.markUninteresting(rw.parseCommit(remote));
            for (RevCommit c : rw) out.add(c);
        }
        return out;
    }

    private boolean isAncestor(RevCommit ancestor, RevCommit of) throws IOException {
        try (RevWalk rw = new RevWalk(vault.repository())) {
            return rw.isMergedInto(rw.parseCommit(ancestor), rw.parseCommit(of));
        }
    }

    private static void pause(java.time.Duration d) {
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultStateException("interrupted while waiting to retry the push");
        }
    }
}
