package io.vaultsync.git;

import io.vaultsync.Parallel;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.SystemReader;

/**
 * Checks out the head of a fresh clone (made with no checkout) into its empty work tree, several files at
 * a time, and writes the index: what JGit's clone does one file at a time, through a temporary file and a
 * rename each. The files get the blobs' bytes as they are, as the agents commit them (a vault clone has
 * {@code core.autocrlf} off). A tree this does not cover the same way, one with a {@code .gitattributes}, a
 * symbolic link or a submodule, or a clone with an attributes file in its config, is checked out by JGit's
 * own checkout instead. A path JGit's checkout would refuse ({@code ..}, {@code .git}) is refused here too.
 */
public final class FreshCheckout {
    private record Entry(byte[] rawPath, String path, ObjectId blob, FileMode mode) {}

    /** Entries {@code from} (inclusive) to {@code to} (exclusive): files of one folder, written by one thread. */
    record Run(int from, int to) {
        Run {
            if (from < 0 || to <= from) throw new IllegalArgumentException("run " + from + ".." + to);
        }
    }

    /**
     * The most files of one folder one thread writes before another may join in: a file is created with
     * the folder's lock held, so two threads in one folder wait on each other (a profile of a 10k-file
     * clone, with 100 files a folder: 16% of its CPU spinning on that lock, under openat). Only a folder of
     * more files than this is shared.
     */
    static final int MAX_RUN = 1024;

    private FreshCheckout() {}

    /** Checks out the clone's HEAD with up to {@code threads} threads (1: in this thread). */
    public static void run(Repository repo, int threads) throws IOException {
        run(repo, threads, Progress.NONE);
    }

    /** As above, telling {@code progress} how the files go ("checking out files"). */
    public static void run(Repository repo, int threads, Progress progress) throws IOException {
        Path root = repo.getWorkTree().toPath();
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit head = rw.parseCommit(repo.resolve(Constants.HEAD));
            List<Entry> entries = entries(repo, head);
            if (entries == null || attributesConfigured(repo)) {
                jgitCheckout(repo, head);
                return;
            }
            Set<Path> dirs = new LinkedHashSet<>();
            for (Entry e : entries) {
                Path parent = root.resolve(e.path()).getParent();
                if (!parent.equals(root)) dirs.add(parent);
            }
            for (Path d : dirs) Files.createDirectories(d);
            BasicFileAttributes[] written = new BasicFileAttributes[entries.size()];
            List<Run> runs = runs(entries.stream().map(Entry::path).toList(), MAX_RUN);
            progress.begin("checking out files", entries.size(), -1);
            try {
                Parallel.forEach(runs.size(), threads, 1, repo::newObjectReader, (reader, r) -> {
                    for (int i = runs.get(r).from(); i < runs.get(r).to(); i++) {
                        written[i] = write(reader, root, entries.get(i));
                        progress.advance(1, written[i].size());
                    }
                });
            } finally {
                progress.end();
            }
            index(repo, entries, written);
        }
    }

    /**
     * The {@code paths} (in git's order) cut into runs of consecutive paths in the same folder, none longer
     * than {@code max}.
     */
    static List<Run> runs(List<String> paths, int max) {
        List<Run> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= paths.size(); i++) {
            if (i == paths.size() || i - from == max || !sameFolder(paths.get(from), paths.get(i))) {
                out.add(new Run(from, i));
                from = i;
            }
        }
        return out;
    }

    private static boolean sameFolder(String a, String b) {
        int slash = a.lastIndexOf('/');
        return slash == b.lastIndexOf('/') && a.regionMatches(0, b, 0, slash + 1);
    }

    /** The tree's files in git's order, or null when the tree has something this checkout leaves to JGit's. */
    private static List<Entry> entries(Repository repo, RevCommit head) throws IOException {
        ObjectChecker checker = new ObjectChecker().setSafeForWindows(SystemReader.getInstance().isWindows())
                .setSafeForMacOS(SystemReader.getInstance().isMacOS());
        List<Entry> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(head.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) return null;
                if (tw.getNameString().equals(Constants.DOT_GIT_ATTRIBUTES)) return null;
                byte[] raw = tw.getRawPath();
                try {
                    checker.checkPath(raw, 0, raw.length);
                } catch (CorruptObjectException e) {
                    throw new IOException("the vault's tree has a path no checkout may write: " + e.getMessage(), e);
                }
                out.add(new Entry(raw, tw.getPathString(), tw.getObjectId(0), mode));
            }
        }
        return out;
    }

    /** An attributes file outside the tree (the config's, or the clone's info/attributes) may ask for filters. */
    private static boolean attributesConfigured(Repository repo) {
        return repo.getConfig().getString("core", null, "attributesfile") != null
                || Files.exists(repo.getDirectory().toPath().resolve("info").resolve("attributes"));
    }

    private static BasicFileAttributes write(ObjectReader reader, Path root, Entry e) throws IOException {
        Path file = root.resolve(e.path());
        ObjectLoader blob = reader.open(e.blob(), Constants.OBJ_BLOB);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            blob.copyTo(out);
        }
        if (e.mode() == FileMode.EXECUTABLE_FILE && !file.toFile().setExecutable(true, false)) {
            throw new IOException("could not make " + e.path() + " executable");
        }
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The index of the files just written: their blobs, sizes and times, as a checkout leaves it. */
    private static void index(Repository repo, List<Entry> entries, BasicFileAttributes[] written) throws IOException {
        DirCache dc = repo.lockDirCache();
        try {
            DirCacheBuilder b = dc.builder();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                DirCacheEntry d = new DirCacheEntry(e.rawPath());
                d.setFileMode(e.mode());
                d.setObjectId(e.blob());
                d.setLength(written[i].size());
                d.setLastModified(written[i].lastModifiedTime().toInstant());
                b.add(d);
            }
            b.finish();
            dc.write();
            dc.commit();
        } finally {
            dc.unlock();
        }
    }

    /** What the clone itself would have done. */
    private static void jgitCheckout(Repository repo, RevCommit head) throws IOException {
        DirCacheCheckout co = new DirCacheCheckout(repo, repo.lockDirCache(), head.getTree());
        co.checkout();
    }
}
