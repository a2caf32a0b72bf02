package io.vaultsync.claim;

import io.vaultsync.gate.SecretHeldException;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.gate.Verdict;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.sync.CycleContext;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Moves one task file in the work tree and commits exactly that move. The move fails if the target
 * exists (a hard link, then the source is removed: {@code ATOMIC_MOVE} would replace the target), the new
 * bytes pass the secret gate before anything moves, and the commit holds only the two paths.
 */
final class TaskMover {
    private TaskMover() {}

    static void move(CycleContext ctx, String task, String from, String to, UnaryOperator<byte[]> rewrite,
            String subject) throws IOException {
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
        CommitWriter.commit(ctx.vault(), List.of(StagedFile.deletion(from),
                new StagedFile(to, bytes, bytes.length, Files.getLastModifiedTime(dst))),
                ctx.trailers().withTask(task).message(subject), ctx.ident());
    }
}
