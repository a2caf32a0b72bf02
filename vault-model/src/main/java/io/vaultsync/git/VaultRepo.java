package io.vaultsync.git;

import io.vaultsync.VaultStateException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * An opened vault clone: the repository, its work tree and the branch the agents share. Checks on open
 * that the directory is a clone with a work tree at its root and an {@code origin} remote.
 */
public final class VaultRepo implements AutoCloseable {
    public static final String REMOTE = "origin";

    private final Repository repo;
    private final Path workTree;
    private final String branch;
    private final GitSession session;

    private VaultRepo(Repository repo, Path workTree, String branch, GitSession session) {
        this.repo = repo;
        this.workTree = workTree;
        this.branch = branch;
        this.session = session;
    }

    /** Opens the vault in a session of its own: what a one-shot command does. */
    public static VaultRepo open(Path vault, String branch) {
        return open(vault, branch, new GitSession());
    }

    /** Opens the vault in {@code session}, which keeps what one opening learns for the next. */
    public static VaultRepo open(Path vault, String branch, GitSession session) {
        Path dir = vault.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new VaultStateException(dir + " does not exist or is not a directory");
        }
        if (!Files.isDirectory(dir.resolve(Constants.DOT_GIT))) {
            throw new VaultStateException(dir + " is not a vault clone (no .git directory); run init first");
        }
        try {
            // shared per git directory within the process: the pack indexes read once stay loaded across
            // cycles instead of being read again for every pack at every open
            Repository r = RepositoryCache.open(RepositoryCache.FileKey.exact(dir.resolve(Constants.DOT_GIT).toFile(),
                    FS.DETECTED), true);
            if (r.isBare() || !r.getWorkTree().toPath().toAbsolutePath().normalize().equals(dir)) {
                r.close();
                throw new VaultStateException(dir + " is not the work tree of its .git directory (core.worktree or core.bare set)");
            }
            if (r.getConfig().getString("remote", REMOTE, "url") == null) {
                r.close();
                throw new VaultStateException(dir + " has no '" + REMOTE + "' remote; run init with --remote");
            }
            durable(r);
            return new VaultRepo(r, dir, branch, session);
        } catch (IOException e) {
            throw new VaultStateException(dir + " is not a readable git repository: " + e.getMessage(), e);
        }
    }

    /**
     * The git directory of a vault, checked to be a clone (as by {@link #open}) before anything else happens:
     * what a command reads first, before it knows the agent's settings and so its branch.
     */
    public static Path gitDirOf(Path vault) {
        try (VaultRepo v = open(vault, null)) { // the branch plays no part in the checks
            return v.gitDir();
        }
    }

    /** A new repository in {@code dir} whose {@code branch} tracks the remote's, configured as the agents need. */
    public static void create(Path dir, String branch, String remoteUrl) throws IOException, GitAPIException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call()) {
            Repository r = git.getRepository();
            StoredConfig c = r.getConfig();
            c.setString("remote", REMOTE, "url", remoteUrl);
            c.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/origin/*");
            c.setString("branch", branch, "remote", REMOTE);
            c.setString("branch", branch, "merge", Constants.R_HEADS + branch);
            c.save();
            configure(r);
        }
    }

    /** No line-ending rewriting, links kept as links: saved in the config of every clone the agent owns. */
    public static void configure(Repository r) throws IOException {
        StoredConfig c = r.getConfig();
        c.setString("core", null, "autocrlf", "false");
        c.setBoolean("core", null, "symlinks", true);
        c.setBoolean("gc", null, "autoDetach", false);
        c.save();
    }

    /**
     * fsync of object and ref files for this process's writes. Set in memory only: C git deprecates these
     * keys and would warn on every command a person runs in the clone if they were saved.
     */
    static void durable(Repository r) {
        StoredConfig c = r.getConfig();
        c.setBoolean("core", null, "fsyncObjectFiles", true);
        c.setBoolean("core", null, "fsyncRefFiles", true);
        // the automatic gc after a fetch repacks a clone nobody clones from: bitmaps only cost time there
        c.setBoolean("pack", null, "buildBitmaps", false);
        // JGit keeps the packs a repack replaced for an hour; until they go, every fetch finds "too many packs"
        // and repacks the whole history again (a daemon fetching every few seconds then spends its time in
        // gc). C git's repack drops them at once; so does this.
        c.setString("gc", null, "prunePackExpire", "now");
    }

    public Repository repository() { return repo; }
    public Path workTree() { return workTree; }
    public Path gitDir() { return repo.getDirectory().toPath(); }
    public String branch() { return branch; }
    public GitSession session() { return session; }

    /** The signer of the commits this agent makes in this clone (held by the session). */
    public io.vaultsync.git.sign.CommitSigner signer() { return session.signer(gitDir()); }
    public String branchRef() { return Constants.R_HEADS + branch; }
    public String trackingRef() { return Constants.R_REMOTES + REMOTE + "/" + branch; }
    public String remoteUrl() { return repo.getConfig().getString("remote", REMOTE, "url"); }
    public File file(String relPath) { return workTree.resolve(relPath).toFile(); }

    /** The commit the shared branch points at locally, or null before the first commit. */
    public ObjectId head() throws IOException {
        Ref ref = repo.exactRef(branchRef());
        return ref == null ? null : ref.getObjectId();
    }

    public ObjectId tracking() throws IOException {
        Ref ref = repo.exactRef(trackingRef());
        return ref == null ? null : ref.getObjectId();
    }

    /** Fails with a clear message unless HEAD is the shared branch. */
    public void requireOnBranch() throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        if (head == null || !head.isSymbolic()) {
            throw new VaultStateException("HEAD is detached in " + workTree + "; run 'git -C " + workTree
                    + " checkout " + branch + "' and sync again");
        }
        String target = head.getTarget().getName();
        if (!target.equals(branchRef())) {
            throw new VaultStateException(workTree + " is on " + Repository.shortenRefName(target)
                    + ", not on the vault branch " + branch + "; check out " + branch + " and sync again");
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
