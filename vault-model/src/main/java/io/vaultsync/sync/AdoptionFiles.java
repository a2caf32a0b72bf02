package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files adopting a history adds on top of it: the policy, the {@code .gitignore} (the gate's denylist
 * appended to one the history already has), the dashboard and a {@code .gitkeep} per vault folder, where
 * the history has none. Read from the head commit, never from the work tree; written into the work tree
 * only once the commit is on the remote, and never over a file a person changed.
 */
final class AdoptionFiles {
    private AdoptionFiles() {}

    /** One file to add: its vault path and bytes. */
    record File(String path, byte[] bytes) {
        File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    static final String GITIGNORE_HEADER = "# vaultsync: the secret gate's denylist (added when this repository became a vault)\n";

    /** The layout files the head commit lacks. */
    static List<File> layout(VaultRepo repo, ObjectId head, Policy policy) throws IOException {
        Repository r = repo.repository();
        List<File> out = new ArrayList<>();
        out.add(new File(Policy.PATH, PolicyLoader.render(policy).getBytes(StandardCharsets.UTF_8)));
        byte[] template = SecretGate.template();
        byte[] ignore = gitignore(blob(r, head, Layout.GITIGNORE), template);
        if (ignore != null) out.add(new File(Layout.GITIGNORE, ignore));
        if (blob(r, head, Layout.DASHBOARD) == null) {
            out.add(new File(Layout.DASHBOARD, Layout.dashboard(policy).getBytes(StandardCharsets.UTF_8)));
        }
        for (String d : Layout.folders(policy)) {
            String keep = d + "/" + Layout.KEEP;
            if (blob(r, head, keep) == null) out.add(new File(keep, new byte[0]));
        }
        return out;
    }

    /**
     * The {@code .gitignore} to commit given the one the history has ({@code null}: none): the template alone,
     * or the history's with the template appended; null when it holds every template line already.
     */
    static byte[] gitignore(byte[] had, byte[] template) {
        if (had == null) return template;
        String have = new String(had, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(have.split("\r?\n", -1));
        boolean all = new String(template, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).allMatch(lines::contains);
        if (all) return null;
        String sep = have.isEmpty() || have.endsWith("\n") ? "" : "\n";
        return (have + sep + (have.isEmpty() ? "" : "\n") + GITIGNORE_HEADER + new String(template, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops, before anything is pushed, when writing these files would change what a person has in the work
     * tree: a file there that is neither the head's version nor the one to write, or a file where a folder goes.
     */
    static void refuseOverwrite(VaultRepo repo, ObjectId head, List<File> files) throws IOException {
        Path wt = repo.workTree();
        for (File f : files) {
            Path p = wt.resolve(f.path());
            for (Path dir = p.getParent(); dir != null && !dir.equals(wt); dir = dir.getParent()) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(wt.relativize(dir) + " is a file where the vault needs a folder");
                }
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) throw refused(f.path() + " is not a regular file");
            byte[] now = Files.readAllBytes(p);
            byte[] committed = blob(repo.repository(), head, f.path());
            if (!Arrays.equals(now, f.bytes()) && (committed == null || !Arrays.equals(now, committed))) {
                throw refused(f.path() + " has changes that are not committed");
            }
        }
    }

    private static VaultStateException refused(String why) {
        return new VaultStateException(why + "; the adoption would overwrite it. Commit or move it, then run init"
                + " again (nothing was pushed)");
    }

    /** Writes the files into the work tree; returns them staged with their size and time on disk. */
    static List<StagedFile> write(Path workTree, List<File> files) throws IOException {
        List<StagedFile> out = new ArrayList<>();
        for (File f : files) {
            Path p = workTree.resolve(f.path());
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), ".vaultsync-", ".tmp");
            Files.write(tmp, f.bytes());
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.add(new StagedFile(f.path(), f.bytes(), f.bytes().length, Files.getLastModifiedTime(p)));
        }
        return out;
    }

    /** The bytes of {@code path} in commit {@code head}, or null when it has none. */
    private static byte[] blob(Repository r, ObjectId head, String path) throws IOException {
        try (RevWalk rw = new RevWalk(r); TreeWalk tw = TreeWalk.forPath(r, path, rw.parseCommit(head).getTree())) {
            if (tw == null) return null;
            FileMode mode = tw.getFileMode(0);
            return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE ? r.open(tw.getObjectId(0)).getBytes() : null;
        }
    }
}
