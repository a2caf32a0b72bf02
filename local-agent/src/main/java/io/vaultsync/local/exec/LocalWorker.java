package io.vaultsync.local.exec;

import io.vaultsync.work.Worker;
import io.vaultsync.local.approve.ApprovedItem;
import io.vaultsync.config.Actions;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.gate.Verdict.Blocked;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.local.approve.Approvals;
import io.vaultsync.local.notify.Notifier;
import io.vaultsync.process.CommandRunner;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.CommandRole;
import io.vaultsync.work.CommandRuns;
import io.vaultsync.work.CommandWorker;
import io.vaultsync.work.WorkLedger;
import io.vaultsync.work.WorkOutput;
import io.vaultsync.work.WorkPool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * is fsynced before the executor runs and {@code succeeded} before the item moves (the
 * {@link CommandWorker}'s steps). New drafts and cards are told to the person at the desktop through the
 * {@code notify} command, if one is set ({@link Notifier}).
 */
public final class LocalWorker implements Worker {
    private static final Logger LOG = LoggerFactory.getLogger(LocalWorker.class);
    public static final String KEY_ENV = "VAULTSYNC_IDEMPOTENCY_KEY";
    static final String DONE = "Done/";
    /** How long a stopping agent waits for a notification under way (after the executors' grace). */
    static final Duration NOTIFY_GRACE = Duration.ofSeconds(5);
    static final CommandRole.Names NAMES = new CommandRole.Names(WorkLedger.EXECUTIONS, "executor", "executed",
            "exec", ConflictKind.EXECUTION_FAILED, "exec-out", Actions::executors);

    private final AgentSettings settings;
    private final CommandWorker<ApprovedItem> worker;
    private final Notifier notifier;

    /** Executors run on the caller's thread, one after another ({@link WorkPool#inline()}). */
    public LocalWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out) {
        this(settings, clock, cycle, new WorkOutput(settings.name(), out), WorkPool.inline());
    }

    /** Executors run in {@code pool}, beside the caller's loop; the output also tells the metrics what ran. */
    public LocalWorker(AgentSettings settings, Clock clock, SyncCycle cycle, WorkOutput output, WorkPool pool) {
        this.settings = settings;
        this.worker = new CommandWorker<>(settings, clock, cycle, output, NAMES, new Executors(), CommandRuns.UNLIMITED, pool);
        this.notifier = new Notifier(settings.service().notifyCommand(),
                pool.isInline() ? WorkPool.inline() : WorkPool.bounded(1, "notify"));
    }

    @Override
    public void afterCycle(Path vault) throws IOException {
        notifier.afterCycle(vault);
        worker.afterCycle(vault);
    }

    @Override
    public void stop() throws InterruptedException {
        worker.stop();
        notifier.stop(NOTIFY_GRACE);
    }

    /** The executors: on the items approved on this machine, with the item and its idempotency key as arguments. */
    private final class Executors implements CommandRole<ApprovedItem> {
        @Override
        public List<Candidate<ApprovedItem>> candidates(Path root, Path gitDir, Actions actions) throws IOException {
            Set<String> approvedHere = Approvals.ids(gitDir);
            List<Candidate<ApprovedItem>> out = new ArrayList<>();
            for (Path f : ApprovedItem.files(root)) {
                out.add(new Candidate<>(ApprovedItem.path(root, f), () -> {
                    ApprovedItem item = ApprovedItem.of(root, f);
                    if (item.key() == null || !approvedHere.contains(item.key())) {
                        LOG.debug("{}: not approved on this machine; not executed", item.path());
                        return Optional.empty();
                    }
                    return actions.executor(item.domain() == null ? "" : item.domain()).map(e -> new Job<>(item, e));
                }));
            }
            return out;
        }

        @Override
        public Invocation invocation(Path root, ApprovedItem item, Path outDir) {
            String file = root.resolve(item.path()).toString();
            return new Invocation(List.of(file, item.key()),
                    Map.of(KEY_ENV, item.key(), "VAULTSYNC_ITEM", file, "VAULTSYNC_DOMAIN", item.domain()));
        }

        /** Moves the item to {@code Done/} with its outcome, as one commit pushed by the cycle it runs in. */
        @Override
        public Finished finish(CycleContext ctx, ApprovedItem item, Path outDir, Path log) throws IOException {
            Path wt = ctx.vault().workTree();
            Path src = wt.resolve(item.path());
            if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) return new Finished.Gone(); // moved by a person
            byte[] bytes = Files.readAllBytes(src);
            String target = freeName(wt, DONE + item.name(), item.key());
            byte[] result = outcome(ctx, item, bytes, CommandRunner.tailOf(log));
            if (ctx.gate().check(target, false, result.length, result) instanceof Blocked b) {
                result = outcome(ctx, item, bytes, "(output held back by the secret gate [" + b.rule() + "])");
            }
            AtomicFiles.write(wt.resolve(target), result);
            Files.delete(src);
            CommitWriter.commit(ctx.vault(), List.of(StagedFile.deletion(item.path()),
                    new StagedFile(target, result, result.length, Files.getLastModifiedTime(wt.resolve(target)))),
                    ctx.trailers().withTask(item.name()).message("vaultsync: " + settings.name() + " executed "
                            + item.path() + " -> " + target), ctx.ident());
            return new Finished.Done(target);
        }

        private byte[] outcome(CycleContext ctx, ApprovedItem item, byte[] bytes, String output) {
            return Outcome.append(bytes, ctx.now(), settings.name(), settings.machine(), item.domain(), item.key(),
                    "done (exit 0)", output);
        }
    }

    /** {@code Done/N}, or {@code Done/N (key).ext} when a file of that name is there already. */
    static String freeName(Path wt, String wanted, String key) {
        if (!Files.exists(wt.resolve(wanted), LinkOption.NOFOLLOW_LINKS)) return wanted;
        int slash = wanted.lastIndexOf('/');
        int dot = wanted.lastIndexOf('.');
        String tag = " (" + key.substring(0, Math.min(8, key.length())) + ")";
        return dot > slash + 1 ? wanted.substring(0, dot) + tag + wanted.substring(dot) : wanted + tag;
    }

    static WorkLedger ledger(Path gitDir) {
        return new WorkLedger(gitDir, NAMES.ledger());
    }
}
