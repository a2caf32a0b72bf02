package io.vaultsync.cloud.handler;

import io.vaultsync.VaultException;
import io.vaultsync.claim.ClaimResult;
import io.vaultsync.claim.ClaimService;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict.Blocked;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.process.CommandRunner;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.AgentLock;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * cloud never sends anything.
 */
public final class CloudWorker implements AgentExtension.Worker {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWorker.class);
    static final String NEEDS_ACTION = "Needs_Action/";
    /**
     * A pass starts no further handler once it has run this long (real time), leaving the rest to the next
     * pass: the run loop's cycle in between renews the leases of the tasks still waiting.
     */
    static final Duration PASS_BUDGET = Lease.DEFAULT_LENGTH.dividedBy(4);

    private final AgentSettings settings;
    private final Clock clock;
    private final SyncCycle cycle;
    private final SyncCycle claimCycle;
    private final PrintWriter out;
    private final Duration passBudget;
    private final RunningCalls calls = new RunningCalls(WorkLedger.HANDLERS);
    /** What was last said about a task that could not be claimed or handled, by its path: said once, not every cycle. */
    private final Map<String, String> troubles = new HashMap<>();

    public CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out) {
        this(settings, clock, cycle, out, PASS_BUDGET);
    }

    CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out, Duration passBudget) {
        this.passBudget = passBudget;
        this.settings = settings;
        this.clock = clock;
        this.cycle = cycle;
        this.claimCycle = new SyncCycle(settings, clock, ClaimService.BACKOFF, SyncCycle.STALE_LOCK_AGE);
        this.out = out;
    }

    /** One pass over the held tasks: once a handler has run and the budget is spent, no further handler starts. */
    private static final class Pass {
        private final long startNanos;
        private final Duration budget;
        boolean ran;

        Pass(long startNanos, Duration budget) {
            this.startNanos = startNanos;
            this.budget = budget;
        }

        boolean spent() {
            return ran && Duration.ofNanos(System.nanoTime() - startNanos).compareTo(budget) >= 0;
        }
    }

    /** A task this agent holds: its file name, its type, and the key of this claim of it. */
    record Held(String name, String path, String type, String key) {}

    @Override
    public void afterCycle(Path vault) throws IOException {
        Path root = vault.toAbsolutePath().normalize();
        Path gitDir = VaultRepo.gitDirOf(root);
        Actions actions = ActionsStore.read(gitDir);
        if (actions.handlers().isEmpty()) return;
        claimNew(root, gitDir, actions);
        Map<String, List<Entry>> history = ledger(gitDir).byKey();
        Pass pass = new Pass(System.nanoTime(), passBudget);
        for (Path f : tasks(root.resolve(inProgress()))) {
            String path = inProgress() + f.getFileName();
            try {
                Optional<Held> task = held(f, actions);
                if (task.isPresent()) {
                    work(root, gitDir, task.get(), actions, history.getOrDefault(task.get().key(), List.of()), pass);
                }
                troubles.remove(path);
            } catch (VaultException | IOException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                trouble(path, "not handled", e);
            }
        }
    }

    /** One held task: the next step its ledger entries call for. */
    private void work(Path root, Path gitDir, Held task, Actions actions, List<Entry> history, Pass pass) throws IOException {
        List<String> handler = TaskType.handler(actions, task.type()).orElseThrow();
        WorkPlan.Step step = WorkPlan.next(history, clock.instant(), actions);
        if (step instanceof WorkPlan.Run run) {
            if (pass.spent()) {
                LOG.info("{}: waits for the next pass (this one has run its handlers long enough)", task.path());
                return;
            }
            EarlierCall.Verdict v = calls.before(gitDir, ledger(gitDir), task.key(), task.path(), run.afterInterruption(),
                    clock.instant(), actions.timeout());
            calls.news(task.key(), v).ifPresent(n -> say(task.path() + ": " + n));
            if (!v.mayStart()) return; // never two calls with one key: its output folder is the earlier call's still
            pass.ran = true;
            handle(root, gitDir, task, handler, run, actions);
        } else if (step instanceof WorkPlan.Finish) {
            place(root, gitDir, task);
        } else if (step instanceof WorkPlan.RaiseCard c) {
            raiseCard(root, gitDir, task, handler, c);
        } else if (step instanceof WorkPlan.AwaitCard a) {
            Optional<Event> decided = WorkCards.decision(root, a.cardId());
            if (decided.isPresent()) {
                record(gitDir, task, decided.get(), a.cardId());
                say(task.path() + (decided.get() == Event.SKIPPED ? ": left alone (card " + a.cardId() + " decided skip)"
                        : ": handler tried again (card " + a.cardId() + ")"));
            }
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
                if (r instanceof ClaimResult.Done) say("claimed " + name + " (" + type + ")");
                else if (r instanceof ClaimResult.Provisional) say("claimed " + name + " provisionally (remote unreachable)");
                else LOG.info("not claimed: {}: {}", name, r);
                troubles.remove(NEEDS_ACTION + name);
            } catch (NoSuchFileException gone) {
                LOG.info("not claimed: {}: gone meanwhile", name);
            } catch (VaultException | IOException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                trouble(NEEDS_ACTION + name, "not claimed", e);
            }
        }
    }

    /** The task in this file if its type has a handler; empty otherwise. */
    private Optional<Held> held(Path f, Actions actions) throws IOException {
        String name = f.getFileName().toString();
        byte[] bytes = Files.readAllBytes(f);
        String type = TaskType.of(name, bytes);
        if (TaskType.handler(actions, type).isEmpty()) return Optional.empty();
        String claimedAt = LeaseFrontMatter.read(bytes).map(l -> l.claimedAt().toString()).orElse("unleased");
        return Optional.of(new Held(name, inProgress() + name, type, name + "@" + claimedAt));
    }

    private String inProgress() {
        return "In_Progress/" + settings.name() + "/";
    }

    /** Says what went wrong with one task, once while it stays the same; the other tasks go on. */
    private void trouble(String path, String what, Exception e) {
        String line = what + ": " + (e instanceof VaultException ? e.getMessage() : "I/O error: " + e.getMessage());
        if (line.equals(troubles.put(path, line))) {
            LOG.debug("{}: {} (again)", SecretGate.shown(path), line);
            return;
        }
        say(SecretGate.shown(path) + ": " + line + "; the other tasks go on"); // a token in a name is never shown
        LOG.debug("{}: {}", SecretGate.shown(path), what, e);
    }

    private void handle(Path root, Path gitDir, Held task, List<String> handler, WorkPlan.Run run, Actions actions)
            throws IOException {
        Path outDir = outputDir(gitDir, task);
        if (Files.exists(outDir)) PathUtils.deleteDirectory(outDir);
        Files.createDirectories(outDir);
        record(gitDir, task, Event.STARTED, "attempt " + run.attempt());
        List<String> argv = new ArrayList<>(handler);
        argv.add(root.resolve(task.path()).toString());
        argv.add(outDir.toString());
        CommandRunner.Result r;
        try {
            r = CommandRunner.run(argv, Map.of("VAULTSYNC_TASK", task.name(), "VAULTSYNC_TYPE", task.type()),
                    logFile(gitDir, task), actions.timeout(), child -> calls.started(gitDir, task.key(), child, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the handler ran on " + task.path(), e);
        }
        boolean ok = r.ok() && !files(outDir).isEmpty();
        String why = ok || !r.ok() ? r.summary() : "no output";
        record(gitDir, task, ok ? Event.SUCCEEDED : Event.FAILED, why);
        calls.ended(gitDir, task.key());
        if (ok) {
            place(root, gitDir, task);
        } else {
            say(task.path() + ": handler failed (" + why + ", attempt " + run.attempt() + "); it is tried again later");
        }
    }

    /** Drafts from the handler's output, the signal and the task's removal: one cycle, one commit. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void place(Path root, Path gitDir, Held task) throws IOException {
        DraftPlacer.Placed[] placed = new DraftPlacer.Placed[1];
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            cycle.run(root, ctx -> {
                placed[0] = new DraftPlacer(settings.name()).place(ctx, task, outputDir(gitDir, task));
                if (placed[0] instanceof DraftPlacer.Placed.Drafted d) record(gitDir, task, Event.DONE, String.join(", ", d.paths()));
            }, ScanScope.NONE); // the placer commits its drafts itself
        }
        DraftPlacer.Placed p = placed[0];
        if (p instanceof DraftPlacer.Placed.Drafted d) {
            say(task.path() + " -> " + String.join(", ", d.paths()));
        } else if (p instanceof DraftPlacer.Placed.HeldBack h) {
            record(gitDir, task, Event.FAILED, "output held back by the secret gate [" + h.rule() + "]");
            say(task.path() + ": handler output held back by the secret gate [" + h.rule() + "]; nothing drafted, the task stays");
        } else if (p instanceof DraftPlacer.Placed.NoOutput) {
            record(gitDir, task, Event.FAILED, "no output to place");
        } else {
            LOG.info("{}: gone before its drafts were placed", task.path());
        }
    }

    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void raiseCard(Path root, Path gitDir, Held task, List<String> handler, WorkPlan.RaiseCard c) throws IOException {
        String[] id = new String[1];
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            cycle.run(root, ctx -> {
                String cardId = ConflictCard.newId(ctx.now(), DraftPlacer.token() + "-handler");
                String reason = "The " + task.type() + " handler failed " + c.failures() + " times in a row (last: "
                        + c.lastFailure() + "). The task stays in " + task.path() + " and is not tried again until this"
                        + " card is decided.";
                String output = CommandRunner.tailOf(logFile(gitDir, task));
                ConflictCard card = ConflictCard.failure(cardId, ConflictKind.HANDLER_FAILED, task.path(),
                        "handler " + task.type() + ": " + String.join(" ", handler), reason, output, ctx.now(), settings.name());
                byte[] bytes = card.render().getBytes(StandardCharsets.UTF_8);
                if (ctx.gate().check(card.cardPath(), false, bytes.length, bytes) instanceof Blocked) {
                    bytes = ConflictCard.failure(cardId, ConflictKind.HANDLER_FAILED, task.path(), "handler " + task.type(),
                            reason, "(output held back by the secret gate)", ctx.now(), settings.name())
                            .render().getBytes(StandardCharsets.UTF_8);
                }
                Path wt = ctx.vault().workTree();
                AtomicFiles.write(wt.resolve(card.cardPath()), bytes);
                ctx.wrote(card.cardPath());
                Signal s = new Signal("handler-failed", ctx.now(), settings.name(), task.name(),
                        "Handler failed on " + task.name(), reason + "\n\nCard: " + cardId);
                String signal = s.path(DraftPlacer.token());
                AtomicFiles.write(wt.resolve(signal), s.render());
                ctx.wrote(signal);
                record(gitDir, task, Event.CARDED, cardId);
                id[0] = cardId;
            }, ScanScope.NONE); // the card and the signal are committed by the scan of what the cycle wrote
        }
        say(task.path() + ": handler failed " + c.failures() + " times; card " + id[0] + " asks what to do");
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

    private static Path outputDir(Path gitDir, Held task) {
        return SettingsStore.stateDir(gitDir).resolve("handler-out").resolve(safe(task.key()));
    }

    private static Path logFile(Path gitDir, Held task) {
        return SettingsStore.stateDir(gitDir).resolve("handler-out").resolve(safe(task.key()) + ".log");
    }

    private static String safe(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static WorkLedger ledger(Path gitDir) {
        return new WorkLedger(gitDir, WorkLedger.HANDLERS);
    }

    private void record(Path gitDir, Held task, Event event, String detail) {
        ledger(gitDir).append(new Entry(task.key(), task.path(), event, clock.instant(), detail));
    }

    private void say(String line) {
        out.println(settings.name() + ": " + line);
        out.flush();
        LOG.info(line);
    }
}
