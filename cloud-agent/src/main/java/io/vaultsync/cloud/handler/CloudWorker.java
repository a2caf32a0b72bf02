package io.vaultsync.cloud.handler;

import io.vaultsync.VaultException;
import io.vaultsync.claim.ClaimResult;
import io.vaultsync.claim.ClaimService;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.SyncCommand;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.gate.Verdict.Blocked;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.process.CommandRunner;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.WorkCards;
import io.vaultsync.work.WorkLedger;
import io.vaultsync.work.WorkLedger.Entry;
import io.vaultsync.work.WorkLedger.Event;
import io.vaultsync.work.WorkPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
    static final String PENDING = "Pending_Approval/";

    private final AgentSettings settings;
    private final Clock clock;
    private final SyncCycle cycle;
    private final SyncCycle claimCycle;
    private final PrintWriter out;
    /** What was last said about a task that could not be claimed or handled, by its path: said once, not every cycle. */
    private final Map<String, String> troubles = new HashMap<>();

    public CloudWorker(AgentSettings settings, Clock clock, SyncCycle cycle, PrintWriter out) {
        this.settings = settings;
        this.clock = clock;
        this.cycle = cycle;
        this.claimCycle = new SyncCycle(settings, clock, ClaimService.BACKOFF, SyncCycle.STALE_LOCK_AGE);
        this.out = out;
    }

    /** A task this agent holds: its file name, its type, and the key of this claim of it. */
    record Held(String name, String path, String type, String key) {}

    @Override
    public void afterCycle(Path vault) throws IOException {
        Path root = vault.toAbsolutePath().normalize();
        Path gitDir = SyncCommand.gitDir(root);
        Actions actions = ActionsStore.read(gitDir);
        if (actions.handlers().isEmpty()) return;
        claimNew(root, gitDir, actions);
        Map<String, List<Entry>> history = ledger(gitDir).byKey();
        for (Path f : tasks(root.resolve(inProgress()))) {
            String path = inProgress() + f.getFileName();
            try {
                Optional<Held> task = held(f, actions);
                if (task.isPresent()) work(root, gitDir, task.get(), actions, history.getOrDefault(task.get().key(), List.of()));
                troubles.remove(path);
            } catch (VaultException | IOException e) {
                if (Thread.currentThread().isInterrupted()) throw e;
                trouble(path, "not handled", e);
            }
        }
    }

    /** One held task: the next step its ledger entries call for. */
    private void work(Path root, Path gitDir, Held task, Actions actions, List<Entry> history) throws IOException {
        List<String> handler = TaskType.handler(actions, task.type()).orElseThrow();
        WorkPlan.Step step = WorkPlan.next(history, clock.instant(), actions);
        if (step instanceof WorkPlan.Run run) {
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
                try (AgentLock lock = AgentLock.acquire(gitDir, SyncCommand.LOCK_WAIT)) {
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
            LOG.debug("{}: {} (again)", path, line);
            return;
        }
        say(path + ": " + line + "; the other tasks go on");
        LOG.debug("{}: {}", path, what, e);
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
                    logFile(gitDir, task), actions.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the handler ran on " + task.path(), e);
        }
        if (r.ok() && !files(outDir).isEmpty()) {
            record(gitDir, task, Event.SUCCEEDED, r.summary());
            place(root, gitDir, task);
        } else {
            String why = r.ok() ? "no output" : r.summary();
            record(gitDir, task, Event.FAILED, why);
            say(task.path() + ": handler failed (" + why + ", attempt " + run.attempt() + "); it is tried again later");
        }
    }

    /** Drafts from the handler's output, the signal and the task's removal: one cycle, one commit. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void place(Path root, Path gitDir, Held task) throws IOException {
        List<String> placed = new ArrayList<>();
        String[] held = new String[1];
        try (AgentLock lock = AgentLock.acquire(gitDir, SyncCommand.LOCK_WAIT)) {
            cycle.run(root, ctx -> held[0] = writeDrafts(ctx, gitDir, task, placed));
        }
        if (held[0] != null) {
            record(gitDir, task, Event.FAILED, held[0]);
            say(task.path() + ": handler output " + held[0] + "; nothing drafted, the task stays");
        } else if (!placed.isEmpty()) {
            say(task.path() + " -> " + String.join(", ", placed));
        }
    }

    /** Null when written; otherwise why nothing was (the secret gate held an output back). */
    private String writeDrafts(CycleContext ctx, Path gitDir, Held task, List<String> placed) throws IOException {
        Path wt = ctx.vault().workTree();
        Path taskFile = wt.resolve(task.path());
        if (!Files.isRegularFile(taskFile, LinkOption.NOFOLLOW_LINKS)) return null; // moved meanwhile
        byte[] taskBytes = Files.readAllBytes(taskFile);
        List<String> paths = new ArrayList<>();
        List<byte[]> drafts = new ArrayList<>();
        for (Path f : files(outputDir(gitDir, task))) {
            String path = freePath(wt, PENDING + task.type() + "/" + Drafts.name(f.getFileName().toString()), paths);
            byte[] d = Drafts.draft(Files.readAllBytes(f), task.name(), taskBytes, settings.name(), ctx.now());
            if (ctx.gate().check(path, false, d.length, d) instanceof Blocked b) {
                return "held back by the secret gate [" + b.rule() + "]";
            }
            paths.add(path);
            drafts.add(d);
        }
        if (paths.isEmpty()) return "is gone (nothing to place)";
        List<StagedFile> staged = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) staged.add(write(wt, paths.get(i), drafts.get(i)));
        Signal s = new Signal("draft-ready", ctx.now(), settings.name(), task.name(),
                "Draft ready for " + task.name(), String.join("\n", paths.stream().map(p -> "- [" + p + "](../"
                        + p.replace(" ", "%20") + ")").toList()));
        staged.add(write(wt, s.path(token()), s.render()));
        Files.delete(taskFile); // the task moves on into its drafts
        staged.add(StagedFile.deletion(task.path()));
        CommitWriter.commit(ctx.vault(), staged, ctx.trailers().withTask(task.name()).message("vaultsync: "
                + settings.name() + " drafts " + String.join(", ", paths) + " for " + task.name()), ctx.ident());
        record(gitDir, task, Event.DONE, String.join(", ", paths));
        placed.addAll(paths);
        return null;
    }

    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void raiseCard(Path root, Path gitDir, Held task, List<String> handler, WorkPlan.RaiseCard c) throws IOException {
        String[] id = new String[1];
        try (AgentLock lock = AgentLock.acquire(gitDir, SyncCommand.LOCK_WAIT)) {
            cycle.run(root, ctx -> {
                String cardId = ConflictCard.newId(ctx.now(), token() + "-handler");
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
                Signal s = new Signal("handler-failed", ctx.now(), settings.name(), task.name(),
                        "Handler failed on " + task.name(), reason + "\n\nCard: " + cardId);
                AtomicFiles.write(wt.resolve(s.path(token())), s.render());
                record(gitDir, task, Event.CARDED, cardId);
                id[0] = cardId;
            });
        }
        say(task.path() + ": handler failed " + c.failures() + " times; card " + id[0] + " asks what to do");
    }

    private static StagedFile write(Path wt, String path, byte[] bytes) throws IOException {
        AtomicFiles.write(wt.resolve(path), bytes);
        return new StagedFile(path, bytes, bytes.length, Files.getLastModifiedTime(wt.resolve(path)));
    }

    /** {@code wanted}, or {@code name-2.ext}, {@code name-3.ext}, ... when taken in the tree or in this batch. */
    static String freePath(Path wt, String wanted, List<String> taken) {
        int slash = wanted.lastIndexOf('/');
        int dot = wanted.lastIndexOf('.');
        String stem = dot > slash + 1 ? wanted.substring(0, dot) : wanted;
        String ext = dot > slash + 1 ? wanted.substring(dot) : "";
        String p = wanted;
        for (int n = 2; Files.exists(wt.resolve(p), LinkOption.NOFOLLOW_LINKS) || taken.contains(p); n++) {
            p = stem + "-" + n + ext;
        }
        return p;
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

    private static String token() {
        return String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
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
