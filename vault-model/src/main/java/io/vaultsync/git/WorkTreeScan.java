package io.vaultsync.git;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.policy.Zones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

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

    public static Result scan(VaultRepo vault) throws IOException {
        Repository repo = vault.repository();
        ObjectId head = vault.head();
        IndexDiff diff = new IndexDiff(repo, head == null ? null : head, new UnignoredTreeIterator(repo));
        diff.diff();
        TreeSet<String> candidates = new TreeSet<>();
        candidates.addAll(diff.getAdded());
        candidates.addAll(diff.getChanged());
        candidates.addAll(diff.getRemoved());
        candidates.addAll(diff.getMissing());
        candidates.addAll(diff.getModified());
        candidates.addAll(diff.getUntracked());
        candidates.addAll(diff.getConflicting());
        List<Zones.Change> changes = new ArrayList<>();
        List<String> temps = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo); ObjectInserter.Formatter fmt = new ObjectInserter.Formatter()) {
            RevTree tree = head == null ? null : rw.parseCommit(head).getTree();
            for (String path : candidates) {
                if (path.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    temps.add(path);
                    continue;
                }
                Path file = vault.workTree().resolve(path);
                boolean inWorkTree = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
                ObjectId inHead = tree == null ? null : blobAt(repo, tree, path);
                if (inHead == null && inWorkTree) {
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
