package io.vaultsync.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache.FileKey;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FS;

/**
 * A clone (no checkout) of a repository on this machine's disk, as C git's {@code git clone PATH} makes
 * one: the remote's pack and loose object files are hard-linked into the new clone (copied where a link
 * cannot be made: another file system, a file of another user), then the branch is checked to be complete.
 * JGit's transport to a path builds a pack of the whole history instead, sends it through a pipe and indexes
 * it again (most of a 100k-file init).
 *
 * <p>Why taking the files is safe: git never writes into an object file after it is made (a repack writes
 * new packs and removes the old names, so a link keeps the old contents); an object's name is the hash of
 * its contents, and a reader resolves each object by that name through the pack index. A remote that lies
 * in its files can hand out nothing worse than one that sends a pack: whoever can write those files can also
 * commit any content under valid hashes, which the agents' checks (policy, signatures, gate, the checkout's
 * path checks) see the same way after either clone. What could differ, an incomplete history, is ruled out
 * by walking every commit, tree and blob reachable from the branch before any ref is written. A remote this
 * does not cover (alternates, a shallow or a partial clone, repository extensions) is left to JGit.
 */
public final class LocalClone {
    /** The remote's git directory, when {@code url} is a path on this disk this clone covers. */
    public static Optional<Path> gitDirOf(String url) {
        if (url.contains("://") || url.matches("^[^/]+@[^:]+:.*")) return Optional.empty();
        Path dir;
        try {
            dir = Path.of(url);
        } catch (java.nio.file.InvalidPathException notAPath) {
            return Optional.empty();
        }
        if (!dir.isAbsolute() || !Files.isDirectory(dir)) return Optional.empty();
        java.io.File resolved = FileKey.resolve(dir.toFile(), FS.DETECTED);
        if (resolved == null) return Optional.empty();
        Path gitDir = resolved.toPath();
        Path objects = gitDir.resolve("objects");
        if (Files.exists(objects.resolve("info").resolve("alternates")) || Files.exists(gitDir.resolve("shallow"))) {
            return Optional.empty();
        }
        return Optional.of(gitDir);
    }

    private LocalClone() {}

    /**
     * Makes {@code workTree} (absent or empty) a clone of {@code branch} of the repository at {@code remoteGitDir},
     * whose URL {@code url} is kept as {@code origin}'s, with no checkout: what JGit's clone with
     * {@code setNoCheckout(true)} and that one branch leaves. Returns false (and writes nothing) when the
     * remote has something this clone does not cover.
     */
    public static boolean cloneInto(Path workTree, Path remoteGitDir, String url, String branch)
            throws IOException, GitAPIException {
        String branchRef = Constants.R_HEADS + branch;
        try (Repository remote = new FileRepositoryBuilder().setGitDir(remoteGitDir.toFile()).setMustExist(true).build()) {
            if (!covered(remote.getConfig())) return false;
            // the tip is read before the files are listed: a push writes its pack and index before it moves the ref
            Ref tip = remote.exactRef(branchRef);
            if (tip == null || tip.getObjectId() == null) throw new IOException(url + " has no branch " + branch);
            Git.init().setDirectory(workTree.toFile()).setInitialBranch(branch).call().close();
            Path gitDir = workTree.resolve(Constants.DOT_GIT);
            take(remoteGitDir.resolve("objects"), gitDir.resolve("objects"));
            // opened after the files are in place: its object database lists the packs it finds then
            try (Repository clone = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
                checkComplete(clone, tip.getObjectId(), url, branch);
                configure(clone.getConfig(), url, branch);
                update(clone, Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + branch, tip.getObjectId(), url);
                update(clone, branchRef, tip.getObjectId(), url);
            }
            return true;
        }
    }

    /** A repository of format 0 with no extensions (object format, partial clone, worktree config). */
    private static boolean covered(StoredConfig c) {
        return c.getInt(ConfigConstants.CONFIG_CORE_SECTION, "repositoryformatversion", 0) == 0
                && c.getNames("extensions").isEmpty() && c.getSubsections("extensions").isEmpty();
    }

    /**
     * The object files of {@code from} linked (else copied) into {@code to}: packs with their indexes and
     * reverse indexes (an index after its pack, so a reader never sees an index without its pack), then loose
     * objects. Bitmaps and {@code .keep} files stay with the remote.
     */
    static void take(Path from, Path to) throws IOException {
        Path packs = from.resolve("pack");
        if (Files.isDirectory(packs)) {
            Files.createDirectories(to.resolve("pack"));
            for (String ext : List.of(".pack", ".rev", ".idx")) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(packs, "pack-*" + ext)) {
                    for (Path f : ds) link(f, to.resolve("pack").resolve(f.getFileName().toString()));
                }
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(from, LocalClone::looseFolder)) {
            for (Path dir : ds) {
                Path target = to.resolve(dir.getFileName().toString());
                Files.createDirectories(target);
                try (DirectoryStream<Path> objects = Files.newDirectoryStream(dir)) {
                    for (Path f : objects) {
                        if (f.getFileName().toString().matches("[0-9a-f]{38}")) link(f, target.resolve(f.getFileName().toString()));
                    }
                }
            }
        }
    }

    private static boolean looseFolder(Path p) {
        return p.getFileName().toString().matches("[0-9a-f]{2}") && Files.isDirectory(p);
    }

    private static void link(Path source, Path target) throws IOException {
        // only the remote's own files: a symbolic link there could name any file on this machine, which the copy
        // below would read (what it leaves out, the completeness check then misses and refuses)
        if (!Files.isRegularFile(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException | SecurityException noLink) {
            Files.copy(source, target); // another file system, or a file of another user (protected_hardlinks)
        }
    }

    /** Every object reachable from {@code tip} is in the clone, else the clone is refused. */
    private static void checkComplete(Repository clone, ObjectId tip, String url, String branch) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(clone)) {
            walk.markStart(walk.parseAny(tip));
            walk.checkConnectivity();
        } catch (MissingObjectException e) {
            throw new IOException(url + " is missing objects of its branch " + branch + " (" + e.getObjectId().name()
                    + "); repair it (git fsck) before cloning it", e);
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException | org.eclipse.jgit.errors.CorruptObjectException e) {
            throw new IOException(url + " has a broken object in its branch " + branch + ": " + e.getMessage(), e);
        }
    }

    /** What JGit's clone of one branch sets: origin's URL and fetch of that branch, the branch tracking it. */
    private static void configure(StoredConfig c, String url, String branch) throws IOException {
        String origin = Constants.DEFAULT_REMOTE_NAME;
        c.setString("remote", origin, "url", url);
        RefSpec spec = new RefSpec().setForceUpdate(true).setSourceDestination(Constants.R_HEADS + branch,
                Constants.R_REMOTES + origin + "/" + branch);
        c.setString("remote", origin, "fetch", spec.toString());
        c.setString("branch", branch, "remote", origin);
        c.setString("branch", branch, "merge", Constants.R_HEADS + branch);
        c.save();
    }

    private static void update(Repository clone, String ref, ObjectId id, String url) throws IOException {
        RefUpdate u = clone.updateRef(ref);
        u.setNewObjectId(id);
        u.setRefLogMessage("clone: from " + url, false);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED) throw new IOException("cannot set " + ref + ": " + r);
    }
}
