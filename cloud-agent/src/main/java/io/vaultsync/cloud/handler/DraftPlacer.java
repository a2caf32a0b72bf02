package io.vaultsync.cloud.handler;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.gate.Verdict.Blocked;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.CycleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Inside a cycle (under the vault lock): turns a handler's output into drafts in
 * {@code Pending_Approval/<type>/}, writes a {@code draft-ready} signal and removes the task, all in one
 * commit. Every draft is checked by the secret gate first; if any would be held back, nothing is written.
 */
final class DraftPlacer {
    static final String PENDING = "Pending_Approval/";

    /** How placing the output ended. */
    sealed interface Placed {
        /** Drafts written and committed with the signal and the task's removal. */
        record Drafted(List<String> paths) implements Placed {}

        /** Nothing written: the secret gate would hold an output back (only its rule is named, never its text). */
        record HeldBack(String rule) implements Placed {}

        /** Nothing written: the output folder holds no file (it was cleared, or the handler wrote none). */
        record NoOutput() implements Placed {}

        /** Nothing written: the task is no longer in this agent's folder (moved or removed meanwhile). */
        record TaskGone() implements Placed {}
    }

    private final String agent;

    DraftPlacer(String agent) {
        this.agent = agent;
    }

    Placed place(CycleContext ctx, CloudWorker.ClaimedTask task, Path outDir) throws IOException {
        Path wt = ctx.vault().workTree();
        Path taskFile = wt.resolve(task.path());
        if (!Files.isRegularFile(taskFile, LinkOption.NOFOLLOW_LINKS)) return new Placed.TaskGone();
        byte[] taskBytes = Files.readAllBytes(taskFile);
        List<String> paths = new ArrayList<>();
        List<byte[]> drafts = new ArrayList<>();
        for (Path f : CloudWorker.files(outDir)) {
            String path = freePath(wt, PENDING + task.type() + "/" + Drafts.name(f.getFileName().toString()), paths);
            byte[] d = Drafts.draft(Files.readAllBytes(f), task.name(), taskBytes, agent, ctx.now());
            if (ctx.gate().check(path, false, d.length, d) instanceof Blocked b) return new Placed.HeldBack(b.rule());
            paths.add(path);
            drafts.add(d);
        }
        if (paths.isEmpty()) return new Placed.NoOutput();
        List<StagedFile> staged = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) staged.add(write(wt, paths.get(i), drafts.get(i)));
        Signal s = new Signal("draft-ready", ctx.now(), agent, task.name(), "Draft ready for " + task.name(),
                String.join("\n", paths.stream().map(p -> "- [" + p + "](../" + p.replace(" ", "%20") + ")").toList()));
        staged.add(write(wt, s.path(token()), s.render()));
        Files.delete(taskFile); // the task moves on into its drafts
        staged.add(StagedFile.deletion(task.path()));
        CommitWriter.commit(ctx.vault(), staged, ctx.trailers().withTask(task.name()).message("vaultsync: "
                + agent + " drafts " + String.join(", ", paths) + " for " + task.name()), ctx.ident());
        return new Placed.Drafted(List.copyOf(paths));
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

    static StagedFile write(Path wt, String path, byte[] bytes) throws IOException {
        AtomicFiles.write(wt.resolve(path), bytes);
        return new StagedFile(path, bytes, bytes.length, Files.getLastModifiedTime(wt.resolve(path)));
    }

    /** Keeps two signals or cards of the same second apart. */
    static String token() {
        return String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
