package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.gate.SecretHeldException;
import io.vaultsync.gate.Verdict;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Moves one task file in the work tree and commits exactly that move (a claim, a lease handed back, an
 * approval or rejection). The move fails if the target exists (a hard link, then the source is removed:
 * {@code ATOMIC_MOVE} would replace the target), the new bytes pass the secret gate before anything moves,
 * and the commit holds only the two paths.
 */
public final class FileMove {
    private FileMove() {}

    /** Moves {@code from} to {@code to} with its bytes rewritten, then commits the two paths as {@code subject}. */
    public static void move(CycleContext ctx, String task, String from, String to, UnaryOperator<byte[]> rewrite,
            String subject) throws IOException {
        byte[] bytes = place(ctx, from, to, rewrite);
        commit(ctx, task, from, to, bytes, subject);
    }

    /**
     * The work-tree half: rewrite the bytes, gate them, link {@code to} (failing if it exists), remove
     * {@code from}, write; returns the bytes written.
     */
    public static byte[] place(CycleContext ctx, String from, String to, UnaryOperator<byte[]> rewrite)
            throws IOException {
        Path wt = ctx.vault().workTree();
        Path src = wt.resolve(from);
        Path dst = wt.resolve(to);
        byte[] bytes = rewrite.apply(Files.readAllBytes(src));
        if (ctx.gate().check(to, false, bytes.length, bytes) instanceof Verdict.Blocked b) {
            throw new SecretHeldException(from, b.rule());
        }
        Files.createDirectories(dst.getParent());
        try {
            Files.createLink(dst, src);
        } catch (FileAlreadyExistsException e) {
            throw new VaultStateException(to + " already exists; nothing moved");
        }
        Files.delete(src);
        AtomicFiles.write(dst, bytes);
        return bytes;
    }

    /** The commit half: exactly the deletion of {@code from} and the new {@code to}, with the task's trailer. */
    public static void commit(CycleContext ctx, String task, String from, String to, byte[] bytes, String subject)
            throws IOException {
        Path dst = ctx.vault().workTree().resolve(to);
        CommitWriter.commit(ctx.vault(), List.of(StagedFile.deletion(from),
                new StagedFile(to, bytes, bytes.length, Files.getLastModifiedTime(dst))),
                ctx.trailers().withTask(task).message(subject), ctx.ident());
    }
}
