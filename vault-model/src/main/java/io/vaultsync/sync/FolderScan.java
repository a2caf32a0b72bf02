package io.vaultsync.sync;

import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * The secret gate's pass over every file of a folder being adopted: each file is read once, checked like a
 * sync cycle checks it ({@link Candidates}) and, when it passes, written to the object store; only its id is
 * kept, so a large folder costs no more memory than its list of names. Reads the folder, never changes it.
 */
final class FolderScan {
    /** The rule of a folder holding a git repository of its own: it is held back whole. */
    static final String NESTED_REPOSITORY = "nested-git-repository";

    /** A file that passed, as it will be committed: its blob and the facts its index entry needs. */
    record Passed(String path, ObjectId blob, long size, FileTime modified) {}

    /** Every file of the folder, passed or held back (with the rule, its path shown masked). */
    record Result(List<Passed> passed, List<BlockedPath> heldBack, long bytes) {
        Result {
            passed = List.copyOf(passed);
            heldBack = List.copyOf(heldBack);
        }
    }

    private record Found(String path, BasicFileAttributes attrs) {}

    private FolderScan() {}

    /** Gates every file under {@code root} but {@code root/.git}, inserting those that pass with {@code ins}. */
    static Result run(Path root, SecretGate gate, ObjectInserter ins, Progress progress) throws IOException {
        List<Found> found = new ArrayList<>();
        List<BlockedPath> held = new ArrayList<>();
        long total = list(root, found, held);
        List<Passed> passed = new ArrayList<>();
        long bytes = 0;
        progress.begin("checking files for secrets", found.size(), total);
        try {
            for (Found f : found) {
                Passed p = gate(root, f, gate, ins, held);
                if (p != null) {
                    passed.add(p);
                    bytes += p.size();
                }
                progress.advance(1, f.attrs() == null ? 0 : f.attrs().size());
            }
        } finally {
            progress.end();
        }
        held.sort((a, b) -> a.path().compareTo(b.path()));
        return new Result(passed, held, bytes);
    }

    /** The file's bytes inserted when the gate lets them through; else it is added to {@code held}. */
    private static Passed gate(Path root, Found f, SecretGate gate, ObjectInserter ins, List<BlockedPath> held)
            throws IOException {
        String rel = f.path();
        Verdict v = gate.checkPath(rel, false, 0); // before any lookup: a bad name may not even resolve
        if (!v.blocked() && f.attrs() == null) v = new Verdict.Blocked("unreadable");
        if (!v.blocked()) v = gate.checkPath(rel, f.attrs().isSymbolicLink(), f.attrs().size());
        if (!v.blocked() && f.attrs().isOther()) v = new Verdict.Blocked(SecretGate.RULE_SPECIAL_FILE);
        if (v instanceof Verdict.Blocked b) {
            held.add(new BlockedPath(SecretGate.shown(rel), b.rule()));
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(root.resolve(rel));
        } catch (NoSuchFileException gone) {
            return null; // deleted while adopting: nothing to commit, nothing lost
        } catch (IOException unreadable) {
            held.add(new BlockedPath(SecretGate.shown(rel), "unreadable"));
            return null;
        }
        v = gate.check(rel, false, bytes.length, bytes);
        if (v instanceof Verdict.Blocked b) {
            held.add(new BlockedPath(SecretGate.shown(rel), b.rule()));
            return null;
        }
        return new Passed(rel, ins.insert(Constants.OBJ_BLOB, bytes), bytes.length, f.attrs().lastModifiedTime());
    }

    /** Lists the files (links not followed); a folder with a {@code .git} of its own is held back whole. */
    private static long list(Path root, List<Found> found, List<BlockedPath> held) throws IOException {
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) return FileVisitResult.CONTINUE;
                if (dir.equals(root.resolve(Constants.DOT_GIT))) return FileVisitResult.SKIP_SUBTREE;
                if (Files.exists(dir.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
                    held.add(new BlockedPath(SecretGate.shown(relative(root, dir) + "/"), NESTED_REPOSITORY));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isDirectory()) return FileVisitResult.CONTINUE; // a link to a folder is reported as a file
                found.add(new Found(relative(root, f), attrs));
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                found.add(new Found(relative(root, f), null)); // held back as unreadable, with the others
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    static String relative(Path root, Path f) {
        return root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
    }
}
