package io.vaultsync.git;

import io.vaultsync.Waiting;
import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.function.Supplier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every cycle: repairs what a killed process or an abandoned command left behind.
 * Only called while this process holds the agent lock, so no other agent is using the clone.
 *
 * <ul>
 *   <li>stale {@code *.lock} files in the git directory, once they are older than {@code staleAfter} and no
 *       git process works in the repository ({@link LockDecision}); a younger one, or one a person's running
 *       C git holds, is left to its owner;</li>
 *   <li>an interrupted merge, cherry-pick, revert or rebase: the branch is re-attached, the index is reset
 *       to the branch, conflicted files get the branch's version back (both sides stay in history), and
 *       every other work-tree edit is kept for the scan to pick up.</li>
 * </ul>
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final List<String> STATE_FILES = List.of("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE",
            "CHERRY_PICK_HEAD", "REVERT_HEAD", "ORIG_HEAD.lock", "SQUASH_MSG");
    private static final List<String> STATE_DIRS = List.of("rebase-merge", "rebase-apply", "sequencer");

    private final Duration staleAfter;
    private final Duration abandonedAfter;
    private final Clock clock;

    public Recovery(Duration staleAfter, Clock clock) {
        this(staleAfter, ABANDONED_AFTER, clock);
    }

    /** @param abandonedAfter a lock this old is removed even while a git process works in the repository */
    public Recovery(Duration staleAfter, Duration abandonedAfter, Clock clock) {
        this.staleAfter = staleAfter;
        this.abandonedAfter = abandonedAfter;
        this.clock = clock;
    }

    /** What was repaired, one line each, for the log and the cycle report. */
    public List<String> run(VaultRepo vault) throws IOException {
        List<String> done = new ArrayList<>();
        clearStaleLocks(vault.gitDir(), done);
        abortInterruptedOperation(vault, done);
        for (String d : done) LOG.info("recovery: {}", d);
        return done;
    }

    /** By default, a lock this old is removed even while a git process works in the repository (or where that cannot be told). */
    public static final Duration ABANDONED_AFTER = io.vaultsync.config.AgentSettings.DEFAULT_LOCK_MAX_AGE;

    void clearStaleLocks(Path gitDir, List<String> done) throws IOException {
        clearStaleLocks(gitDir, done, () -> GitProcesses.in(gitDir.getParent(), gitDir));
    }

    void clearStaleLocks(Path gitDir, List<String> done, Supplier<GitProcesses.Seen> gitProcess) throws IOException {
        Instant deadline = clock.instant().plus(staleAfter).plusSeconds(1);
        for (Path lock : locks(gitDir)) {
            while (Files.exists(lock)) {
                Instant modified;
                try {
                    modified = Files.getLastModifiedTime(lock).toInstant();
                } catch (java.nio.file.NoSuchFileException gone) {
                    break;
                }
                Duration age = Duration.between(modified, clock.instant());
                GitProcesses.Seen git = age.compareTo(staleAfter) >= 0 ? gitProcess.get() : new GitProcesses.Seen.Unknown();
                LockDecision d = LockDecision.of(age, staleAfter, abandonedAfter, git);
                if (d == LockDecision.REMOVE) {
                    Files.deleteIfExists(lock);
                    done.add("removed stale lock " + gitDir.relativize(lock));
                    break;
                }
                if (d == LockDecision.LEAVE) {
                    throw new VaultStateException("lock " + gitDir.relativize(lock) + " is held by "
                            + (git instanceof GitProcesses.Seen.Running r ? "a git process (pid " + r.pid() + ") working in this vault"
                                    : "a git process, as far as can be told")
                            + "; this cycle's git work waits for it to finish (a lock left this way is removed when it is "
                            + io.vaultsync.config.Durations.format(abandonedAfter) + " old: agent setting lock_max_age)");
                }
                if (clock.instant().isAfter(deadline)) {
                    throw new VaultStateException("lock " + lock + " is held by another git process; try again");
                }
                Waiting.pause(100, "a git lock");
            }
        }
    }


    private static List<Path> locks(Path gitDir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> top = Files.list(gitDir)) {
            top.filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p)).forEach(found::add);
        }
        Path refs = gitDir.resolve("refs");
        if (Files.isDirectory(refs)) {
            Files.walkFileTree(refs, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".lock")) found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Path vs = gitDir.resolve("vaultsync");
        found.removeIf(p -> p.startsWith(vs));
        return found;
    }

    void abortInterruptedOperation(VaultRepo vault, List<String> done) throws IOException {
        Repository repo = vault.repository();
        RepositoryState state = repo.getRepositoryState();
        boolean leftovers = STATE_FILES.stream().anyMatch(f -> Files.exists(vault.gitDir().resolve(f)))
                || STATE_DIRS.stream().anyMatch(d -> Files.exists(vault.gitDir().resolve(d)));
        if (state == RepositoryState.SAFE && !leftovers && !hasConflictStages(vault)) {
            return;
        }
        String branchRef = vault.branchRef();
        String headName = rebaseHeadName(vault.gitDir());
        if (headName != null && !headName.equals(branchRef)) {
            throw new VaultStateException("an interrupted rebase of " + headName + " is in " + vault.workTree()
                    + "; finish or abort it with C git ('git rebase --abort')");
        }
        List<String> conflicted = conflictedPaths(repo);
        for (String d : STATE_DIRS) {
            Path p = vault.gitDir().resolve(d);
            if (Files.exists(p)) PathUtils.deleteDirectory(p);
        }
        for (String f : STATE_FILES) Files.deleteIfExists(vault.gitDir().resolve(f));
        // re-attach HEAD to the vault branch (a rebase leaves it detached on an intermediate commit)
        RefUpdate link = repo.updateRef(Constants.HEAD);
        link.disableRefLog();
        link.link(branchRef);
        try (Git git = new Git(repo)) {
            git.reset().setMode(ResetType.MIXED).setRef(branchRef).call();
        } catch (GitAPIException e) {
            throw new VaultStateException("cannot reset the index of " + vault.workTree() + ": " + e.getMessage(), e);
        }
        restoreFromBranch(vault, conflicted);
        done.add("aborted interrupted " + state.name().toLowerCase() + " (" + conflicted.size()
                + " conflicted files restored from " + vault.branch() + ")");
    }

    private static boolean hasConflictStages(VaultRepo vault) throws IOException {
        Repository repo = vault.repository();
        CleanIndex clean = vault.session().cleanIndex();
        if (clean.known(repo)) return false;
        DirCache dc = repo.readDirCache();
        boolean unmerged = dc.hasUnmergedPaths();
        if (!unmerged) clean.mark(repo);
        return unmerged;
    }

    private static List<String> conflictedPaths(Repository repo) throws IOException {
        DirCache dc = repo.readDirCache();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < dc.getEntryCount(); i++) {
            DirCacheEntry e = dc.getEntry(i);
            if (e.getStage() != DirCacheEntry.STAGE_0 && !paths.contains(e.getPathString())) {
                paths.add(e.getPathString());
            }
        }
        return paths;
    }

    private static String rebaseHeadName(Path gitDir) throws IOException {
        for (String d : List.of("rebase-merge", "rebase-apply")) {
            Path f = gitDir.resolve(d).resolve("head-name");
            if (Files.isRegularFile(f)) return Files.readString(f, StandardCharsets.UTF_8).trim();
        }
        return null;
    }

    /** Puts the branch's version of each path back in the work tree (or removes it if the branch has none). */
    private static void restoreFromBranch(VaultRepo vault, List<String> paths) throws IOException {
        if (paths.isEmpty()) return;
        Repository repo = vault.repository();
        ObjectId head = vault.head();
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit c = head == null ? null : rw.parseCommit(head);
            for (String path : paths) {
                Path file = vault.workTree().resolve(path);
                TreeWalk tw = c == null ? null : TreeWalk.forPath(repo, path, c.getTree());
                if (tw == null) {
                    Files.deleteIfExists(file);
                    continue;
                }
                ObjectLoader l = repo.open(tw.getObjectId(0));
                io.vaultsync.config.AtomicFiles.write(file, l.getBytes());
            }
        }
    }
}
