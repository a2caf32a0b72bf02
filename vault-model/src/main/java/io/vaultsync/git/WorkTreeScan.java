package io.vaultsync.git;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.policy.Zones;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Finds every path whose work-tree state differs from the branch head: added, modified or deleted,
 * staged by a person or not. The vault's {@code .gitignore} is not consulted: the secret gate decides
 * what is held back, and reports it.
 */
public final class WorkTreeScan {
    private WorkTreeScan() {}

    /** Changes against HEAD, sorted by path, and leftovers of interrupted atomic writes. */
    public record Result(List<Zones.Change> changes, List<String> tempFiles) {
        public Result {
            changes = List.copyOf(changes);
            tempFiles = List.copyOf(tempFiles);
        }
    }

    /** The whole work tree. */
    public static Result scan(VaultRepo vault) throws IOException {
        return scan(vault, ScanScope.ALL);
    }

    /**
     * The given scope: everything (JGit's IndexDiff over the whole tree, in shards on the cores), or only the listed paths, each a
     * file or a folder (its files on disk and in the head), which costs in proportion to what is listed.
     */
    public static Result scan(VaultRepo vault, ScanScope scope) throws IOException {
        return scan(vault, scope, Progress.NONE);
    }

    /** As above, telling {@code progress} how the full scan's look at each changed path goes ("scanning files"). */
    public static Result scan(VaultRepo vault, ScanScope scope, Progress progress) throws IOException {
        return scan(vault, scope, progress, ShardedDiff.shards());
    }

    /** As above, a full scan in {@code shards} shards (1: one IndexDiff over the whole tree). */
    static Result scan(VaultRepo vault, ScanScope scope, Progress progress, int shards) throws IOException {
        Repository repo = vault.repository();
        ObjectId head = vault.head();
        try (RevWalk rw = new RevWalk(repo)) {
            RevTree tree = head == null ? null : rw.parseCommit(head).getTree();
            if (scope instanceof ScanScope.Paths p) return under(vault, tree, p.paths());
            TreeSet<String> candidates = ShardedDiff.candidates(repo, head, shards);
            progress.begin("scanning files", candidates.size(), -1);
            Map<String, ObjectId> inHead;
            try {
                inHead = blobsAt(repo, tree, candidates);
                progress.advance(candidates.size(), 0);
            } finally {
                progress.end();
            }
            return classify(vault, candidates, inHead);
        }
    }

    /** The files on disk under the paths, and the head's: the same answer a full scan gives for them. */
    private static Result under(VaultRepo vault, RevTree tree, Set<String> paths) throws IOException {
        TreeSet<String> candidates = new TreeSet<>();
        Map<String, ObjectId> inHead = new HashMap<>();
        List<String> wanted = paths.stream().filter(p -> !p.equals(Constants.DOT_GIT) && !p.startsWith(Constants.DOT_GIT + "/"))
                .toList();
        if (wanted.isEmpty()) return new Result(List.of(), List.of());
        Path root = vault.workTree();
        for (String p : wanted) {
            Path file = root.resolve(p);
            if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                candidates.add(p);
                continue;
            }
            Files.walkFileTree(file, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName().toString().equals(Constants.DOT_GIT) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    candidates.add(relative(root, f));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    candidates.add(relative(root, f)); // classified (and reported) like any other candidate
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        if (tree != null) {
            try (TreeWalk tw = new TreeWalk(vault.repository())) {
                tw.addTree(tree);
                tw.setRecursive(true);
                tw.setFilter(PathFilterGroup.createFromStrings(wanted));
                while (tw.next()) {
                    if (tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) continue;
                    candidates.add(tw.getPathString());
                    inHead.put(tw.getPathString(), tw.getObjectId(0));
                }
            }
        }
        return classify(vault, candidates, inHead);
    }

    private static String relative(Path root, Path f) {
        return root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
    }

    private static Result classify(VaultRepo vault, Set<String> candidates, Map<String, ObjectId> heads)
            throws IOException {
        Repository repo = vault.repository();
        List<Zones.Change> changes = new ArrayList<>();
        List<String> temps = new ArrayList<>();
        try (ObjectInserter.Formatter fmt = new ObjectInserter.Formatter()) {
            for (String path : candidates) {
                if (path.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    temps.add(path);
                    continue;
                }
                Path file = vault.workTree().resolve(path);
                boolean inWorkTree = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
                ObjectId inHead = heads.get(path);
                if (inHead == null && (inWorkTree || unmappable(path))) {
                    // a listed name Java cannot map back to its bytes is there, though no lookup finds it: the gate
                    // holds it back as a bad name
                    changes.add(new Zones.Change(path, Zones.Change.Kind.ADD));
                } else if (inHead != null && !inWorkTree) {
                    changes.add(new Zones.Change(path, Zones.Change.Kind.DELETE));
                } else if (inHead != null && !sameContent(repo, file, inHead, fmt)) {
                    changes.add(new Zones.Change(path, Zones.Change.Kind.MODIFY));
                }
            }
        }
        return new Result(changes, temps);
    }

    /** A name read from the disk whose bytes were not UTF-8: Java shows them as U+FFFD. */
    private static boolean unmappable(String path) {
        return path.indexOf('\uFFFD') >= 0;
    }

    /**
     * The head's blob at each of {@code paths} that has one (not a folder): one walk of the tree, into the
     * folders on those paths only, instead of a walk from the root for each path (a first sync of 100k new
     * files looked each one up in the head, and found nothing, 100k times).
     */
    static Map<String, ObjectId> blobsAt(Repository repo, RevTree tree, Set<String> paths) throws IOException {
        Map<String, ObjectId> found = new HashMap<>();
        if (tree == null || paths.isEmpty()) return found;
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(paths));
            while (tw.next()) {
                String path = tw.getPathString();
                if (tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB && paths.contains(path)) {
                    found.put(path, tw.getObjectId(0));
                }
            }
        }
        return found;
    }

    /** The blob at {@code path}, or null when the tree has nothing there or a folder. */
    public static ObjectId blobAt(Repository repo, RevTree tree, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
            if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) return null;
            return tw.getObjectId(0);
        }
    }

    /** True when the file (never followed if a link) holds exactly the blob's bytes. */
    static boolean sameContent(Repository repo, Path file, ObjectId blob, ObjectInserter.Formatter fmt)
            throws IOException {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return false;
        if (Files.size(file) != repo.open(blob, Constants.OBJ_BLOB).getSize()) return false;
        return fmt.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file)).equals(blob);
    }
}
