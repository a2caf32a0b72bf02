package io.vaultsync.sync;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.config.DeviceId;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.integrate.CardMaker;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.GitSession;
import io.vaultsync.integrate.IntegrationSetup;
import io.vaultsync.integrate.LostClaim;
import io.vaultsync.git.Recovery;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.journal.Journal;
import io.vaultsync.journal.JournalReads;
import io.vaultsync.journal.JournalSync;
import io.vaultsync.journal.OwnCommits;
import io.vaultsync.journal.Op;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync cycle: recover, scan, gate, stage, commit, fetch, integrate, push, checkpoint. The caller
 * holds the {@link AgentLock}. Bad input or a broken vault is an exception; everything else, including
 * an unreachable remote, is a {@link SyncOutcome} in the report.
 */
public final class SyncCycle {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCycle.class);
    /** Rounds per cycle: conflict copies made while integrating are committed and pushed by the next. */
    private static final int MAX_ROUNDS = 3;

    private final AgentSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration staleLockAge;
    private final GitSession session = new GitSession(); // what a cycle learns for the next: clean index, SSH clients
    private final JournalReads journalReads = new JournalReads();
    private Progress progress = Progress.NONE;

    public SyncCycle(AgentSettings settings, Clock clock, Backoff backoff, Duration staleLockAge) {
        this.settings = settings;
        this.clock = clock;
        this.backoff = backoff;
        this.staleLockAge = staleLockAge;
    }

    /** A {@code *.lock} file in the git directory older than this was left by a dead process. */
    public static final Duration STALE_LOCK_AGE = Duration.ofSeconds(5);

    public static SyncCycle standard(AgentSettings settings) {
        return new SyncCycle(settings, Clock.systemUTC(), Backoff.DEFAULT, STALE_LOCK_AGE);
    }

    /** This cycle, telling {@code p} how reading, gating and storing the scanned files go (a CLI command's). */
    public SyncCycle showing(Progress p) {
        progress = Objects.requireNonNull(p, "progress");
        return this;
    }

    /**
     * Work done inside a cycle, under its lock, after recovery and before the scan: a claim commits its
     * move here, a running agent renews its leases here. What it leaves in the work tree or commits on the
     * branch is integrated and pushed by the rest of the cycle.
     */
    @FunctionalInterface
    public interface Prelude {
        Prelude NONE = ctx -> { };

        void run(CycleContext ctx) throws IOException;

        /**
         * Work done in each round right after the scan's commit, before the fetch, when the branch holds
         * what this agent is about to push (the local agent's dashboard reads it here). What it writes and
         * names with {@link CycleContext#wrote} is scanned, gated and committed at once, in a commit of its
         * own. Nothing by default.
         */
        default void afterCommit(CycleContext ctx) throws IOException {}

        /** This prelude, then the other; the same for the work after the commit. */
        default Prelude andThen(Prelude next) {
            Prelude first = this;
            return new Prelude() {
                @Override
                public void run(CycleContext ctx) throws IOException {
                    first.run(ctx);
                    next.run(ctx);
                }

                @Override
                public void afterCommit(CycleContext ctx) throws IOException {
                    first.afterCommit(ctx);
                    next.afterCommit(ctx);
                }
            };
        }
    }

    /**
     * Work done once inside a cycle, like a {@link Prelude}'s (under the lock, after recovery, before the
     * scan), that says what it did: a claim's move, a verdict, a card raised, a draft placed.
     */
    @FunctionalInterface
    public interface Work<T> {
        T run(CycleContext ctx) throws IOException;
    }

    /** What a cycle with {@link Work} did: the work's own result and the cycle's report. */
    public record Result<T>(T value, SyncReport report) {}

    /**
     * Whether the remote branch moved away from what this clone last fetched: one ls-remote, no scan, no
     * lock.
     *
     * @throws io.vaultsync.transport.RemoteException the remote cannot be used: the loop tells its listener (so
     *         readiness and metrics see a remote gone away) and runs a full cycle, which reports it
     */
    public boolean remoteMoved(Path vaultDir) throws IOException {
        try (VaultRepo vault = VaultRepo.open(vaultDir, settings.branch(), session)) {
            return !Objects.equals(RemoteBranch.peek(vault), vault.tracking());
        }
    }

    public SyncReport run(Path vaultDir) throws IOException {
        return run(vaultDir, Prelude.NONE);
    }

    /** A cycle that scans the whole work tree. */
    public SyncReport run(Path vaultDir, Prelude prelude) throws IOException {
        return run(vaultDir, prelude, ScanScope.ALL);
    }

    /**
     * A cycle whose first scan looks only at {@code scope} (what a file watcher reported) and at what the
     * prelude wrote; a later round, after conflict copies were written, scans everything.
     */
    public SyncReport run(Path vaultDir, Prelude prelude, ScanScope scope) throws IOException {
        return cycle(vaultDir, ctx -> {
            prelude.run(ctx);
            return null;
        }, prelude, scope).report();
    }

    /** A cycle whose first scan looks only at {@code scope} and what {@code work} wrote; returns what the work did. */
    public <T> Result<T> call(Path vaultDir, Work<T> work, ScanScope scope) throws IOException {
        return cycle(vaultDir, work, Prelude.NONE, scope);
    }

    private <T> Result<T> cycle(Path vaultDir, Work<T> work, Prelude prelude, ScanScope scope) throws IOException {
        long started = System.nanoTime();
        try (VaultRepo vault = VaultRepo.open(vaultDir, settings.branch(), session)) {
            List<String> repaired = new Recovery(staleLockAge, settings.lockMaxAge(), clock).run(vault);
            vault.requireOnBranch();
            SyncState state = SyncState.read(vault.gitDir());
            Policy policy = VaultPolicy.committed(vault);
            Zones zones = new Zones(policy);
            SecretGate gate = PolicyGate.of(policy);
            String agent = settings.name();
            Instant now = clock.instant();
            String device = DeviceId.of(vault.gitDir());
            Trailers trailers = new Trailers(agent, settings.machine(), "op-" + UUID.randomUUID(), null, device);
            PersonIdent ident = new PersonIdent(agent, agent + "@vaultsync", now, TimeZone.getTimeZone("UTC").toZoneId());
            if (Journal.dropTornTail(vault.gitDir())) repaired.add("dropped a journal line cut short by a crash");
            JournalSync journal = new JournalSync(new Journal(vault.gitDir(), agent, settings.machine(), device, clock,
                    journalReads), agent);
            journal.catchUp(vault); // what a crash left unrecorded is recorded now: replaying twice records nothing
            CycleContext ctx = new CycleContext(vault, settings, policy, zones, gate, trailers, ident, now, journal.journal(),
                    new HashSet<>());
            T value = work.run(ctx);

            List<ConflictCard> setAside = TombstoneGuard.run(ctx, journal);
            List<SyncReport.Round> rounds = new ArrayList<>();
            for (int round = 0; round < MAX_ROUNDS; round++) {
                SyncReport.Round r = round(ctx, journal, prelude, round == 0 ? scope.with(ScanScope.paths(ctx.written()))
                        : ScanScope.ALL, repaired);
                rounds.add(r);
                Integration integrated = r.integration();
                if (!integrated.outcome().completed() || (!integrated.savedLocal() && r.settled().isEmpty())) break;
            }
            journal.catchUp(vault);
            for (String r : repaired) journal.journal().append(Op.REPAIR_APPLY, "repair-" + UUID.randomUUID(), List.of(), null, r);
            SyncReport report = new SyncReport(agent, repaired, setAside, rounds);
            for (ConflictCard c : report.raised()) journal.journal().append(Op.CONFLICT_DETECT, c.id(), List.of(c.cardPath()), null, "card raised");
            checkpoint(vault, state, report.outcome());
            for (LostClaim l : report.lostClaims()) {
                ClaimLog.append(vault.gitDir(), new ClaimLog.Entry(clock.instant(), "undone", l.task(), agent, l.describe()));
            }
            log(report, (System.nanoTime() - started) / 1_000_000);
            return new Result<>(value, report);
        }
    }

    /**
     * One round: scan {@code look}, gate and commit, the prelude's work after the commit, integrate with the
     * remote, then settle any double claim the new head shows. Temp files of interrupted writes it removes
     * are added to {@code repaired}.
     */
    private SyncReport.Round round(CycleContext ctx, JournalSync journal, Prelude prelude, ScanScope look,
            List<String> repaired) throws IOException {
        VaultRepo vault = ctx.vault();
        String agent = ctx.settings().name();
        Zones zones = ctx.zones();
        SecretGate gate = ctx.gate();
        WorkTreeScan.Result scan = WorkTreeScan.scan(vault, look, progress);
        for (String temp : scan.tempFiles()) {
            // a repair is recorded only when something was repaired: a watcher also reports the temp
            // files of writes that completed (renamed away) a moment later
            if (Files.deleteIfExists(vault.workTree().resolve(temp))) repaired.add("removed interrupted write " + temp);
        }
        Candidates first = Candidates.classify(vault.workTree(), zones, gate, agent, scan.changes(), progress);
        if (!first.stageable().isEmpty()) {
            CommitWriter.commit(vault, first.stageable(), ctx.trailers().message(subject(agent, first.stageable())),
                    ctx.ident(), progress);
        }
        Candidates after = afterCommit(ctx, prelude);
        Candidates scanned = first.and(after);
        journal.catchUp(vault); // each local commit is enqueued before it is pushed
        CardMaker cardMaker = new CardMaker(agent, ctx.now(), (p, bytes) -> gate.check(p, false, bytes.length, bytes).blocked());
        var setup = new IntegrationSetup(vault.repository(), zones, agent, ctx.trailers(), ctx.ident(), cardMaker,
                vault.signer(), new OwnCommits(journal.journal()));
        Integration integrated;
        try {
            integrated = new Integrator(vault, gate, setup, backoff, progress).run();
        } catch (RemoteException e) {
            integrated = Integration.only(new SyncOutcome.Offline(e.failure()));
        }
        List<ConflictCard> doubles = integrated.outcome().completed()
                ? DoubleClaims.settle(vault, zones, agent, cardMaker) : List.of();
        return new SyncReport.Round(scanned, integrated, doubles);
    }

    /**
     * The prelude's work after the scan's commit: what it wrote is gated and committed like the scan's
     * changes, in a commit of its own; returns how those paths were sorted (committed, blocked, outside).
     */
    private static Candidates afterCommit(CycleContext ctx, Prelude prelude) throws IOException {
        ctx.written().clear(); // what the prelude wrote before the scan is committed (or reported) by now
        prelude.afterCommit(ctx);
        if (ctx.written().isEmpty()) return new Candidates(List.of(), List.of(), List.of());
        VaultRepo vault = ctx.vault();
        String agent = ctx.settings().name();
        WorkTreeScan.Result scan = WorkTreeScan.scan(vault, ScanScope.paths(ctx.written()));
        Candidates c = Candidates.classify(vault.workTree(), ctx.zones(), ctx.gate(), agent, scan.changes());
        if (!c.stageable().isEmpty()) {
            CommitWriter.commit(vault, c.stageable(), ctx.trailers().message(subject(agent, c.stageable())), ctx.ident());
        }
        return c;
    }

    private static String subject(String agent, List<?> paths) {
        return "vaultsync: " + agent + " syncs " + paths.size() + " path" + (paths.size() == 1 ? "" : "s");
    }

    private void checkpoint(VaultRepo vault, SyncState state, SyncOutcome outcome) {
        Instant now = clock.instant();
        SyncState next;
        if (outcome instanceof SyncOutcome.Synced s) {
            next = state.succeeded(now, s.remoteHead(), "synced");
        } else if (outcome instanceof SyncOutcome.UpToDate u) {
            next = state.succeeded(now, u.remoteHead(), "up to date");
        } else if (outcome instanceof SyncOutcome.Offline o) {
            next = state.failed(now, o.failure().kind().label() + ": " + o.reason(), o.failure());
        } else {
            next = state.failed(now, "push race lost " + ((SyncOutcome.Contended) outcome).attempts() + " times");
        }
        next.write(vault.gitDir());
    }

    /** The cycle at debug level: the CLI prints the report for a person, so each event is said once. */
    private static void log(SyncReport r, long millis) {
        if (!LOG.isDebugEnabled()) return;
        LOG.debug("cycle {}: {}; committed {}, blocked {}, outside the zones {}, cards {}, in {} ms", r.agent(),
                r.outcome().describe(), r.committedPaths(), r.blocked().size(), r.outsideZone().size(), r.cards().size(), millis);
        for (BlockedPath b : r.blocked()) LOG.debug("blocked {} ({})", b.path(), b.rule());
        for (String e : r.errors()) LOG.debug("path error: {}", e);
        for (LostClaim l : r.lostClaims()) LOG.debug("{}", l.describe());
    }
}
