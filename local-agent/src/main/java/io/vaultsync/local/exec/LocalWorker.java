package io.vaultsync.local.exec;

import io.vaultsync.cli.AgentExtension;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.gate.Verdict.Blocked;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.local.approve.Approvals;
import io.vaultsync.process.CommandRunner;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.EarlierCall;
import io.vaultsync.work.RunningCalls;
import io.vaultsync.work.WorkCards;
import io.vaultsync.work.WorkLedger.Entry;
import io.vaultsync.work.WorkLedger.Event;
import io.vaultsync.work.WorkLedger;
import io.vaultsync.work.WorkPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local agent's work after each cycle: every item in {@code Approved/} that was approved on this
 * machine and has an executor for its domain is executed, then moved to {@code Done/} with the outcome.
 *
 * <p>The guarantee: an executor is called at least once per approval and always with the same idempotency
 * key (the approval id); once a success is recorded it is never called again for that approval. A kill at
 * any point costs at most one repeated call with the same key, so an executor that honours the key (does
 * nothing and exits 0 when it has already acted on it) acts exactly once. The ledger entry {@code started}
 * is fsynced before the executor runs and {@code succeeded} before the item moves.
 */
public final class LocalWorker implements AgentExtension.Worker {
    private static final Logger LOG = LoggerFactory.getLogger(LocalWorker.class);
    public static final String KEY_ENV = "VAULTSYNC_IDEMPOTENCY_KEY";
    static final String DONE = "Done/";

    private final AgentSettings settings;
    private final Clock clock;
    private final SyncCycle cycle;
    private final PrintWriter out;
    private final RunningCalls calls = new RunningCalls(WorkLedger.EXECUTIONS);

    public LocalWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out) {
        this.settings = settings;
        this.clock = clock;
        this.cycle = cycle;
        this.out = out;
    }

    @Override
    public void afterCycle(Path vault) throws IOException {
        Path root = vault.toAbsolutePath().normalize();
        Path gitDir = VaultRepo.gitDirOf(root);
        Actions actions = ActionsStore.read(gitDir);
        if (actions.executors().isEmpty()) return;
        Set<String> approvedHere = Approvals.ids(gitDir);
        Map<String, List<Entry>> ledger = ledger(gitDir).byKey();
        for (ApprovedItem item : ApprovedItem.list(root)) {
            if (item.key() == null || !approvedHere.contains(item.key())) {
                LOG.debug("{}: not approved on this machine; not executed", item.path());
                continue;
            }
            Optional<List<String>> executor = actions.executor(item.domain() == null ? "" : item.domain());
            if (executor.isEmpty()) continue;
            List<Entry> history = ledger.getOrDefault(item.key(), List.of());
            step(root, gitDir, item, executor.get(), WorkPlan.next(history, clock.instant(), actions), actions);
        }
    }

    private void step(Path root, Path gitDir, ApprovedItem item, List<String> executor, WorkPlan.Step step,
            Actions actions) throws IOException {
        if (step instanceof WorkPlan.Run run) {
            if (mayStart(gitDir, item, run, actions)) execute(root, gitDir, item, executor, run, actions);
        } else if (step instanceof WorkPlan.Finish) {
            finish(root, gitDir, item);
        } else if (step instanceof WorkPlan.RaiseCard c) {
            raiseCard(root, gitDir, item, executor, c);
        } else if (step instanceof WorkPlan.AwaitCard a) {
            checkCard(gitDir, item, a.cardId());
        } else if (step instanceof WorkPlan.Wait w) {
            LOG.debug("{}: next try at {}", item.path(), w.until());
        }
    }

    /** Whether the executor may start: not while the call for the same key from before a restart still runs. */
    private boolean mayStart(Path gitDir, ApprovedItem item, WorkPlan.Run run, Actions actions) throws IOException {
        EarlierCall.Verdict v = calls.before(gitDir, ledger(gitDir), item.key(), item.path(), run.afterInterruption(),
                clock.instant(), actions.timeout());
        calls.news(item.key(), v).ifPresentOrElse(n -> say(item.path() + ": " + n),
                () -> LOG.debug("{}: {}", item.path(), v));
        return v.mayStart();
    }

    private void execute(Path root, Path gitDir, ApprovedItem item, List<String> executor, WorkPlan.Run run,
            Actions actions) throws IOException {
        record(gitDir, item, Event.STARTED, "attempt " + run.attempt() + (run.afterInterruption() ? " (after an interruption)" : ""));
        List<String> argv = new ArrayList<>(executor);
        argv.add(root.resolve(item.path()).toString());
        argv.add(item.key());
        Map<String, String> env = Map.of(KEY_ENV, item.key(), "VAULTSYNC_ITEM", root.resolve(item.path()).toString(),
                "VAULTSYNC_DOMAIN", item.domain());
        CommandRunner.Result r;
        try {
            r = CommandRunner.run(argv, env, outputFile(gitDir, item), actions.timeout(),
                    child -> calls.started(gitDir, item.key(), child, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + item.path() + " was executed; it runs again with the same key", e);
        }
        record(gitDir, item, r.ok() ? Event.SUCCEEDED : Event.FAILED, r.summary());
        calls.ended(gitDir, item.key());
        if (r.ok()) {
            say(item.path() + ": executed (" + item.domain() + ", attempt " + run.attempt() + ")");
            finish(root, gitDir, item);
        } else {
            say(item.path() + ": executor failed (" + r.summary() + ", attempt " + run.attempt() + "); it stays in "
                    + ApprovedItem.FOLDER + " and is tried again");
        }
    }

    /** Moves the item to {@code Done/} with its outcome, as one commit pushed by the cycle it runs in. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void finish(Path root, Path gitDir, ApprovedItem item) throws IOException {
        String[] done = new String[1];
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            cycle.run(root, ctx -> done[0] = moveToDone(ctx, gitDir, item), ScanScope.NONE); // it commits the move itself
        }
        if (done[0] != null) say(item.path() + " -> " + done[0]);
    }

    private String moveToDone(CycleContext ctx, Path gitDir, ApprovedItem item) throws IOException {
        Path wt = ctx.vault().workTree();
        Path src = wt.resolve(item.path());
        if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) return null; // moved meanwhile (by a person)
        byte[] bytes = Files.readAllBytes(src);
        String target = freeName(wt, DONE + item.name(), item.key());
        String output = CommandRunner.tailOf(outputFile(gitDir, item));
        byte[] result = Outcome.append(bytes, ctx.now(), settings.name(), settings.machine(), item.domain(), item.key(),
                "done (exit 0)", output);
        if (ctx.gate().check(target, false, result.length, result) instanceof Blocked b) {
            result = Outcome.append(bytes, ctx.now(), settings.name(), settings.machine(), item.domain(), item.key(),
                    "done (exit 0)", "(output held back by the secret gate [" + b.rule() + "])");
        }
        AtomicFiles.write(wt.resolve(target), result);
        Files.delete(src);
        CommitWriter.commit(ctx.vault(), List.of(StagedFile.deletion(item.path()),
                new StagedFile(target, result, result.length, Files.getLastModifiedTime(wt.resolve(target)))),
                ctx.trailers().withTask(item.name()).message("vaultsync: " + settings.name() + " executed " + item.path()
                        + " -> " + target), ctx.ident());
        record(gitDir, item, Event.DONE, target);
        return target;
    }

    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void raiseCard(Path root, Path gitDir, ApprovedItem item, List<String> executor, WorkPlan.RaiseCard c)
            throws IOException {
        String[] id = new String[1];
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            cycle.run(root, ctx -> {
                String output = CommandRunner.tailOf(outputFile(gitDir, item));
                String token = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
                String cardId = ConflictCard.newId(ctx.now(), token + "-exec");
                String reason = "The " + item.domain() + " executor failed " + c.failures() + " times in a row (last: "
                        + c.lastFailure() + "). The item stays in " + ApprovedItem.FOLDER + " and nothing is retried until"
                        + " this card is decided.";
                ConflictCard card = ConflictCard.failure(cardId, ConflictKind.EXECUTION_FAILED, item.path(),
                        "executor " + item.domain() + ": " + String.join(" ", executor), reason, output, ctx.now(),
                        settings.name());
                byte[] bytes = card.render().getBytes(StandardCharsets.UTF_8);
                if (ctx.gate().check(card.cardPath(), false, bytes.length, bytes) instanceof Blocked) {
                    card = ConflictCard.failure(cardId, ConflictKind.EXECUTION_FAILED, item.path(),
                            "executor " + item.domain(), reason, "(output held back by the secret gate)", ctx.now(),
                            settings.name());
                    bytes = card.render().getBytes(StandardCharsets.UTF_8);
                }
                AtomicFiles.write(ctx.vault().workTree().resolve(card.cardPath()), bytes); // committed by this cycle's scan
                ctx.wrote(card.cardPath());
                record(gitDir, item, Event.CARDED, cardId);
                id[0] = cardId;
            }, ScanScope.NONE);
        }
        say(item.path() + ": executor failed " + c.failures() + " times; card " + id[0] + " asks what to do");
    }

    private void checkCard(Path gitDir, ApprovedItem item, String cardId) throws IOException {
        Optional<Event> decided = WorkCards.decision(gitDir.getParent(), cardId);
        if (decided.isEmpty()) return;
        record(gitDir, item, decided.get(), cardId);
        say(item.path() + (decided.get() == Event.SKIPPED ? ": left alone (card " + cardId + " decided skip)"
                : ": tried again (card " + cardId + " decided keep_ours or is gone)"));
    }

    /** {@code Done/N}, or {@code Done/N (key).ext} when a file of that name is there already. */
    static String freeName(Path wt, String wanted, String key) {
        if (!Files.exists(wt.resolve(wanted), LinkOption.NOFOLLOW_LINKS)) return wanted;
        int slash = wanted.lastIndexOf('/');
        int dot = wanted.lastIndexOf('.');
        String tag = " (" + key.substring(0, Math.min(8, key.length())) + ")";
        return dot > slash + 1 ? wanted.substring(0, dot) + tag + wanted.substring(dot) : wanted + tag;
    }

    private static Path outputFile(Path gitDir, ApprovedItem item) {
        return SettingsStore.stateDir(gitDir).resolve("exec-out").resolve(item.key().replaceAll("[^A-Za-z0-9-]", "_") + ".log");
    }

    private void record(Path gitDir, ApprovedItem item, Event event, String detail) {
        ledger(gitDir).append(new Entry(item.key(), item.path(), event, clock.instant(), detail));
    }

    static WorkLedger ledger(Path gitDir) {
        return new WorkLedger(gitDir, WorkLedger.EXECUTIONS);
    }

    private void say(String line) {
        out.println(settings.name() + ": " + line);
        out.flush();
        LOG.info(line);
    }
}
