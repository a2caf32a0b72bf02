package io.vaultsync.work;

import io.vaultsync.VaultException;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.gate.Verdict.Blocked;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.process.CommandRunner;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.CommandRole.Finished;
import io.vaultsync.work.CommandRole.Job;
import io.vaultsync.work.WorkLedger.Entry;
import io.vaultsync.work.WorkLedger.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A role's commands run after each cycle on the pieces of work its {@link CommandRole} finds: each piece
 * takes the next {@link WorkPlan} step its ledger calls for. A run records {@code started} (fsynced) before
 * the command starts and its end before anything is committed, so a kill costs at most one repeated call
 * with the same key; a call still running from before a restart is waited for, or stopped once overdue
 * ({@link RunningCalls}). A success is finished in a cycle of its own; repeated failures raise a card
 * (its command's output held back when the secret gate would hold it) and wait for its decision. What
 * goes wrong with one piece is said once and the others go on. The steps run in a {@link WorkPool} beside the
 * sync loop, one at a time per key; each takes the vault lock only for its own cycles (a finish, a card).
 */
public final class CommandWorker<I extends CommandRole.Item> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandWorker.class);

    private final AgentSettings settings;
    private final Clock clock;
    private final SyncCycle cycle;
    private final WorkOutput output;
    private final CommandRole<I> role;
    private final CommandRole.Names names;
    private final Duration passBudget;
    private final RunningCalls calls;
    private final WorkPool pool;

    /**
     * @param passBudget a pass starts no further command once it has run this long ({@link CommandRuns#UNLIMITED});
     *                   it only bites with the inline pool (a real one's pass hands its steps over and returns)
     * @param pool       where the steps run: beside the loop, or {@link WorkPool#inline()}
     */
    public CommandWorker(AgentSettings settings, Clock clock, SyncCycle cycle, WorkOutput output, CommandRole.Names names,
            CommandRole<I> role, Duration passBudget, WorkPool pool) {
        this.settings = settings;
        this.clock = clock;
        this.cycle = cycle;
        this.output = output;
        this.role = role;
        this.names = names;
        this.passBudget = passBudget;
        this.calls = new RunningCalls(names.ledger());
        this.pool = pool;
    }

    /**
     * The agent stops: no new step starts; those in flight get {@link WorkPool#STOP_GRACE} to end (a command
     * still running then is left to finish on its own, in its own process group, as after a kill: the next
     * start finds it recorded as running).
     */
    public void stop() throws InterruptedException {
        int busy = pool.busy();
        if (busy > 0) {
            output.print("stopping: waits up to " + WorkPool.STOP_GRACE.toSeconds() + "s for " + busy + " "
                    + names.command() + (busy == 1 ? "" : "s") + " under way");
        }
        if (!pool.stop(WorkPool.STOP_GRACE)) {
            output.print("stopping: " + pool.busy() + " " + names.command() + " call(s) still under way are left to"
                    + " finish on their own; the next start picks up their results");
        }
    }

    /**
     * One pass over the vault at {@code vault}: each piece of work with a step to take is handed to the pool
     * (unless its key is in flight there, or the pool is full: the next pass asks again), which decides
     * afresh from the ledger as it is then and takes the step. With the inline pool the steps are taken here.
     */
    public void afterCycle(Path vault) throws IOException {
        Path root = vault.toAbsolutePath().normalize();
        Path gitDir = VaultRepo.gitDirOf(root);
        Actions actions = ActionsStore.read(gitDir);
        if (names.commands().apply(actions).isEmpty()) return;
        role.beforePass(root, gitDir, actions);
        Map<String, List<Entry>> history = ledger(gitDir).byKey();
        PassBudgetUse budgetUse = new PassBudgetUse(System.nanoTime());
        for (CommandRole.Candidate<I> c : role.candidates(root, gitDir, actions)) {
            Optional<Job<I>> job;
            try {
                job = c.read().read();
            } catch (VaultException | IOException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                output.reportTrouble(c.path(), "not handled", e);
                continue;
            }
            if (job.isEmpty()) {
                output.clearTrouble(c.path());
                continue;
            }
            String key = job.get().item().key();
            WorkPlan.Step seen = WorkPlan.next(history.getOrDefault(key, List.of()), clock.instant(), actions);
            if (seen instanceof WorkPlan.Wait || seen instanceof WorkPlan.Nothing) {
                output.clearTrouble(c.path());
                continue;
            }
            WorkPool.Taken taken = pool.submit(key, () -> step(root, gitDir, c.path(), job.get(), actions, budgetUse));
            if (taken != WorkPool.Taken.STARTED) LOG.debug("{}: not now ({})", c.path(), taken);
        }
    }

    /** In the pool: the next step for one piece of work, from its ledger as it is now; its troubles said once. */
    private void step(Path root, Path gitDir, String path, Job<I> job, Actions actions, PassBudgetUse budgetUse)
            throws IOException {
        try {
            List<Entry> fresh = ledger(gitDir).byKey().getOrDefault(job.item().key(), List.of());
            takeNextStep(root, gitDir, job, actions, fresh, budgetUse);
            output.clearTrouble(path);
        } catch (VaultException | IOException e) {
            if (Thread.currentThread().isInterrupted()) throw e;
            output.reportTrouble(path, "not handled", e);
        }
    }

    /** How much of its budget one pass has used: once a command has run and the budget is spent, none starts. */
    private final class PassBudgetUse {
        private final long startNanos;
        private volatile boolean ran;

        PassBudgetUse(long startNanos) {
            this.startNanos = startNanos;
        }

        boolean spent() {
            return CommandRuns.spent(ran, Duration.ofNanos(System.nanoTime() - startNanos), passBudget);
        }
    }

    private void takeNextStep(Path root, Path gitDir, Job<I> job, Actions actions, List<Entry> history,
            PassBudgetUse budgetUse) throws IOException {
        I item = job.item();
        WorkPlan.Step step = WorkPlan.next(history, clock.instant(), actions);
        // the ledger has the end of every call made for the key: a record left by a kill just after it goes
        if (!(step instanceof WorkPlan.Run)) calls.ended(gitDir, item.key());
        if (step instanceof WorkPlan.Run run) {
            if (budgetUse.spent()) {
                LOG.info("{}: waits for the next pass (this one has run its commands long enough)", item.path());
            } else if (mayStart(gitDir, item, run, actions)) {
                budgetUse.ran = true;
                run(root, gitDir, job, run, actions);
            }
        } else if (step instanceof WorkPlan.Finish) {
            finish(root, gitDir, item);
        } else if (step instanceof WorkPlan.RaiseCard c) {
            raiseCard(root, gitDir, job, c);
        } else if (step instanceof WorkPlan.AwaitCard a) {
            checkCard(root, gitDir, item, a.cardId());
        } else if (step instanceof WorkPlan.Wait w) {
            LOG.debug("{}: next try at {}", item.path(), w.until());
        }
    }

    /** Whether the command may start: never while the call for the same key from before a restart still runs. */
    private boolean mayStart(Path gitDir, I item, WorkPlan.Run run, Actions actions) throws IOException {
        EarlierCall.Verdict v = calls.before(gitDir, ledger(gitDir), item.key(), item.path(), run.afterInterruption(),
                clock.instant(), actions.timeout());
        calls.news(item.key(), v).ifPresentOrElse(n -> output.print(item.path() + ": " + n),
                () -> LOG.debug("{}: {}", item.path(), v));
        return v.mayStart();
    }

    private void run(Path root, Path gitDir, Job<I> job, WorkPlan.Run run, Actions actions) throws IOException {
        I item = job.item();
        Path outDir = outDir(gitDir, item);
        CommandRole.Invocation inv = role.invocation(root, item, outDir);
        List<String> argv = new ArrayList<>(job.command());
        argv.addAll(inv.args());
        record(gitDir, item, Event.STARTED, CommandRuns.attempt(run.attempt(), run.afterInterruption()));
        CommandRunner.Result r;
        try {
            r = CommandRunner.run(argv, inv.env(), logFile(gitDir, item), actions.timeout(),
                    child -> calls.started(gitDir, item.key(), child, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the " + names.command() + " ran on " + item.path()
                    + "; it runs again with the same key", e);
        }
        CommandRuns.Ran ran = CommandRuns.judge(r.ok(), r.summary(), r.ok() ? role.lacking(outDir) : Optional.empty());
        record(gitDir, item, ran.ok() ? Event.SUCCEEDED : Event.FAILED, ran.detail());
        output.events().commandRan(names.command(), item.label(), ran.ok());
        calls.ended(gitDir, item.key());
        if (ran.ok()) {
            output.print(item.path() + ": " + names.doneVerb() + " (" + item.label() + ", attempt " + run.attempt() + ")");
            finish(root, gitDir, item);
        } else {
            output.print(item.path() + ": " + names.command() + " failed (" + ran.detail() + ", attempt " + run.attempt()
                    + "); it stays where it is and is tried again later");
        }
    }

    /** What the succeeded command leaves, committed by the role in one cycle; done is recorded in that cycle. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void finish(Path root, Path gitDir, I item) throws IOException {
        Finished f;
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            f = cycle.call(root, ctx -> {
                Finished done = role.finish(ctx, item, outDir(gitDir, item), logFile(gitDir, item));
                if (done instanceof Finished.Done d) record(gitDir, item, Event.DONE, d.result());
                return done;
            }, ScanScope.NONE).value(); // the role commits what it does itself
        }
        if (f instanceof Finished.Done d) {
            output.print(item.path() + " -> " + d.result());
        } else if (f instanceof Finished.NotDone n) {
            record(gitDir, item, Event.FAILED, n.failure());
            n.said().ifPresent(s -> output.print(item.path() + ": " + s));
        } else {
            LOG.info("{}: gone before it was finished", item.path());
        }
    }

    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void raiseCard(Path root, Path gitDir, Job<I> job, WorkPlan.RaiseCard c) throws IOException {
        I item = job.item();
        String id;
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            id = cycle.call(root, ctx -> writeCard(ctx, gitDir, job, c), ScanScope.NONE).value();
        }
        output.print(item.path() + ": " + names.command() + " failed " + c.failures() + " times; card " + id
                + " asks what to do");
    }

    /** The card (and what the role adds), written for the cycle's scan of what it wrote to commit. */
    private String writeCard(CycleContext ctx, Path gitDir, Job<I> job, WorkPlan.RaiseCard c) throws IOException {
        I item = job.item();
        String token = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        String cardId = ConflictCard.newId(ctx.now(), token + "-" + names.cardTag());
        String reason = CommandRuns.cardReason(item.label(), names.command(), c.failures(), c.lastFailure(), item.path());
        String runner = names.command() + " " + item.label();
        ConflictCard card = ConflictCard.failure(cardId, names.cardKind(), item.path(), runner + ": "
                + String.join(" ", job.command()), reason, CommandRunner.tailOf(logFile(gitDir, item)), ctx.now(),
                settings.name());
        byte[] bytes = card.render().getBytes(StandardCharsets.UTF_8);
        if (ctx.gate().check(card.cardPath(), false, bytes.length, bytes) instanceof Blocked) {
            bytes = ConflictCard.failure(cardId, names.cardKind(), item.path(), runner, reason,
                    "(output held back by the secret gate)", ctx.now(), settings.name()).render()
                    .getBytes(StandardCharsets.UTF_8);
        }
        AtomicFiles.write(ctx.vault().workTree().resolve(card.cardPath()), bytes);
        ctx.wrote(card.cardPath());
        role.carded(ctx, item, cardId, reason);
        record(gitDir, item, Event.CARDED, cardId);
        return cardId;
    }

    private void checkCard(Path root, Path gitDir, I item, String cardId) throws IOException {
        Optional<Event> decided = WorkCards.decision(root, cardId);
        if (decided.isEmpty()) return;
        record(gitDir, item, decided.get(), cardId);
        output.print(item.path() + (decided.get() == Event.SKIPPED ? ": left alone (card " + cardId + " decided skip)"
                : ": tried again (card " + cardId + " decided keep_ours or is gone)"));
    }

    /** The folder a run of this item may write into (under {@code .git/vaultsync/}, never synced). */
    private Path outDir(Path gitDir, I item) {
        return SettingsStore.stateDir(gitDir).resolve(names.outFolder()).resolve(CommandRuns.fileName(item.key()));
    }

    /** The command's output (stdout and stderr) for this item. */
    private Path logFile(Path gitDir, I item) {
        return SettingsStore.stateDir(gitDir).resolve(names.outFolder()).resolve(CommandRuns.fileName(item.key()) + ".log");
    }

    /** The ledger of this role's commands in the clone whose git directory is given. */
    public WorkLedger ledger(Path gitDir) {
        return new WorkLedger(gitDir, names.ledger());
    }

    private void record(Path gitDir, I item, Event event, String detail) {
        ledger(gitDir).append(new Entry(item.key(), item.path(), event, clock.instant(), detail));
    }
}
