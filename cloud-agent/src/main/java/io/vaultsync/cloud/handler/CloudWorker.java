package io.vaultsync.cloud.handler;

import io.vaultsync.work.Worker;
import io.vaultsync.VaultException;
import io.vaultsync.claim.ClaimResult;
import io.vaultsync.claim.ClaimService;
import io.vaultsync.config.Actions;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.CommandRole;
import io.vaultsync.work.CommandWorker;
import io.vaultsync.work.WorkLedger;
import io.vaultsync.work.WorkOutput;
import io.vaultsync.work.WorkPool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud agent's work after each cycle: it claims the tasks in {@code Needs_Action/} that have a
 * handler for their type, runs the handler on each task it holds (outside the vault lock; output into a
 * folder under {@code .git/vaultsync/handler-out/}), and turns the output into drafts in
 * {@code Pending_Approval/<type>/}, removing the task and writing a {@code draft-ready} signal, all in one
 * commit. A failing handler is tried again after a growing delay, then a card and a {@code handler-failed}
 * signal ask a person; the task stays in {@code In_Progress/<me>/} meanwhile (its lease renewed). The
 * cloud never sends anything. The steps themselves are the {@link CommandWorker}'s; in {@code run} the handlers
 * run in a pool beside the sync loop, which goes on syncing (and renewing leases) meanwhile.
 */
public final class CloudWorker implements Worker {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWorker.class);
    static final String NEEDS_ACTION = "Needs_Action/";
    /**
     * With the inline pool, a pass starts no further handler once it has run this long (real time), leaving the
     * rest to the next pass, whose cycle in between renews the leases of the tasks still waiting. In {@code run}
     * the handlers run beside the loop, whose cycles renew the leases meanwhile.
     */
    static final Duration PASS_BUDGET = Lease.DEFAULT_LENGTH.dividedBy(4);
    static final CommandRole.Names NAMES = new CommandRole.Names(WorkLedger.HANDLERS, "handler", "handled",
            "handler", ConflictKind.HANDLER_FAILED, "handler-out", Actions::handlers);

    private final AgentSettings settings;
    private final Clock clock;
    private final SyncCycle claimCycle;
    private final WorkOutput output;
    private final CommandWorker<ClaimedTask> worker;

    /** Handlers run on the caller's thread, one after another ({@link WorkPool#inline()}). */
    public CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out) {
        this(settings, clock, cycle, new WorkOutput(settings.name(), out), PASS_BUDGET, WorkPool.inline());
    }

    /** Handlers run in {@code pool}, beside the caller's loop. */
    public CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out, WorkPool pool) {
        this(settings, clock, cycle, new WorkOutput(settings.name(), out), PASS_BUDGET, pool);
    }

    /** Handlers run in {@code pool}; the output also tells the running agent's metrics what it ran. */
    public CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, WorkOutput output, WorkPool pool) {
        this(settings, clock, cycle, output, PASS_BUDGET, pool);
    }

    CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out, Duration passBudget) {
        this(settings, clock, cycle, new WorkOutput(settings.name(), out), passBudget, WorkPool.inline());
    }

    private CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, WorkOutput output, Duration passBudget,
            WorkPool pool) {
        this.settings = settings;
        this.clock = clock;
        this.claimCycle = new SyncCycle(settings, clock, ClaimService.BACKOFF, SyncCycle.STALE_LOCK_AGE);
        this.output = output;
        this.worker = new CommandWorker<>(settings, clock, cycle, output, NAMES, new Handlers(), passBudget, pool);
    }

    /** A task this agent holds: its file name, its type, and the key of this claim of it. */
    record ClaimedTask(String name, String path, String type, String key) implements CommandRole.Item {
        @Override
        public String label() {
            return type;
        }
    }

    @Override
    public void afterCycle(Path vault) throws IOException {
        worker.afterCycle(vault);
    }

    @Override
    public void stop() throws InterruptedException {
        worker.stop();
    }

    /** The handlers: on the tasks this agent holds, with the task file and an output folder as arguments. */
    private final class Handlers implements CommandRole<ClaimedTask> {
        @Override
        public void beforePass(Path root, Path gitDir, Actions actions) throws IOException {
            claimNew(root, gitDir, actions);
        }

        @Override
        public List<Candidate<ClaimedTask>> candidates(Path root, Path gitDir, Actions actions) throws IOException {
            List<Candidate<ClaimedTask>> out = new ArrayList<>();
            for (Path f : tasks(root.resolve(inProgress()))) {
                out.add(new Candidate<>(inProgress() + f.getFileName(), () -> job(f, actions)));
            }
            return out;
        }

        @Override
        public Invocation invocation(Path root, ClaimedTask task, Path outDir) throws IOException {
            if (Files.exists(outDir)) PathUtils.deleteDirectory(outDir);
            Files.createDirectories(outDir);
            return new Invocation(List.of(root.resolve(task.path()).toString(), outDir.toString()),
                    Map.of("VAULTSYNC_TASK", task.name(), "VAULTSYNC_TYPE", task.type()));
        }

        @Override
        public Optional<String> lacking(Path outDir) throws IOException {
            return files(outDir).isEmpty() ? Optional.of("no output") : Optional.empty();
        }

        /** Drafts from the handler's output, the signal and the task's removal: one commit. */
        @Override
        public Finished finish(CycleContext ctx, ClaimedTask task, Path outDir, Path log) throws IOException {
            DraftPlacer.Placed p = new DraftPlacer(settings.name()).place(ctx, task, outDir);
            if (p instanceof DraftPlacer.Placed.Drafted d) return new Finished.Done(String.join(", ", d.paths()));
            if (p instanceof DraftPlacer.Placed.HeldBack h) {
                return new Finished.NotDone("output held back by the secret gate [" + h.rule() + "]", Optional.of(
                        "handler output held back by the secret gate [" + h.rule() + "]; nothing drafted, the task stays"));
            }
            if (p instanceof DraftPlacer.Placed.NoOutput) return new Finished.NotDone("no output to place", Optional.empty());
            return new Finished.Gone();
        }

        /** A {@code handler-failed} signal goes with the card. */
        @Override
        public void carded(CycleContext ctx, ClaimedTask task, String cardId, String reason) throws IOException {
            Signal s = new Signal("handler-failed", ctx.now(), settings.name(), task.name(),
                    "Handler failed on " + task.name(), reason + "\n\nCard: " + cardId);
            String signal = s.path(DraftPlacer.token());
            AtomicFiles.write(ctx.vault().workTree().resolve(signal), s.render());
            ctx.wrote(signal);
        }
    }

    /**
     * Claims, one by one under the vault lock, each task in {@code Needs_Action/} whose type has a handler. A
     * task another agent holds is skipped quietly; one that cannot be claimed (the secret gate holds it, say)
     * is reported once and the others go on.
     */
    @SuppressWarnings("try") // the lock is held for the claim, not used in it
    private void claimNew(Path root, Path gitDir, Actions actions) throws IOException {
        for (Path f : tasks(root.resolve(NEEDS_ACTION))) {
            String name = f.getFileName().toString();
            try {
                String type = TaskType.of(name, Files.readAllBytes(f));
                if (TaskType.handler(actions, type).isEmpty()) continue;
                ClaimResult r;
                try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
                    r = new ClaimService(settings, clock, claimCycle, Lease.DEFAULT_LENGTH).claim(root, name);
                }
                if (r instanceof ClaimResult.Done) output.print("claimed " + name + " (" + type + ")");
                else if (r instanceof ClaimResult.Provisional) output.print("claimed " + name + " provisionally (remote unreachable)");
                else LOG.info("not claimed: {}: {}", name, why(r));
                output.clearTrouble(NEEDS_ACTION + name);
            } catch (NoSuchFileException gone) {
                LOG.info("not claimed: {}: gone meanwhile", name);
            } catch (VaultException | IOException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                output.reportTrouble(NEEDS_ACTION + name, "not claimed", e);
            }
        }
    }

    /** The task in this file with its handler if its type has one; empty otherwise. */
    private Optional<CommandRole.Job<ClaimedTask>> job(Path f, Actions actions) throws IOException {
        String name = f.getFileName().toString();
        byte[] bytes = Files.readAllBytes(f);
        String type = TaskType.of(name, bytes);
        Optional<List<String>> handler = TaskType.handler(actions, type);
        if (handler.isEmpty()) return Optional.empty();
        String claimedAt = LeaseFrontMatter.read(bytes).map(l -> l.claimedAt().toString()).orElse("unleased");
        return Optional.of(new CommandRole.Job<>(new ClaimedTask(name, inProgress() + name, type, name + "@" + claimedAt),
                handler.get()));
    }

    private String inProgress() {
        return "In_Progress/" + settings.name() + "/";
    }

    /** The tasks directly in a folder: see {@link TaskType#isTaskFile}. */
    static List<Path> tasks(Path folder) throws IOException {
        return files(folder).stream().filter(f -> TaskType.isTaskFile(f.getFileName().toString())).toList();
    }

    /** Regular, visible files directly in a folder, sorted; none if it is missing. */
    static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    static WorkLedger ledger(Path gitDir) {
        return new WorkLedger(gitDir, NAMES.ledger());
    }

    /** Why a claim did not happen, in words (not the result record's own text). */
    private static String why(ClaimResult r) {
        if (r instanceof ClaimResult.HeldBy h) return "held by " + h.agent();
        if (r instanceof ClaimResult.AlreadyYours) return "already this agent's";
        if (r instanceof ClaimResult.NotClaimed) return "not claimed";
        if (r instanceof ClaimResult.Missing) return "no longer in " + NEEDS_ACTION;
        if (r instanceof ClaimResult.Contended c) return "other writers won the push race " + c.attempts() + " times";
        return r.getClass().getSimpleName();
    }
}
