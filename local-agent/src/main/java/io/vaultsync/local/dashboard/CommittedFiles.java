package io.vaultsync.local.dashboard;

import io.vaultsync.gate.SecretGate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The files the dashboard may name: the regular files of a commit's tree below the folders it shows, read
 * from the object database (one tree walk limited to those folders; the work tree is never looked at).
 * What is not on the branch (a draft only on disk, a file the secret gate held back, anything ignored)
 * is not here. A committed file the gate would hold back by its path or size, a link, a submodule or a
 * hidden file is left out too; a file whose content the gate holds back is neither read nor named.
 */
final class CommittedFiles {
    private record Blob(ObjectId id, long size) {}

    private final ObjectReader reader;
    private final SecretGate gate;
    private final TreeMap<String, Blob> files;

    private CommittedFiles(ObjectReader reader, SecretGate gate, TreeMap<String, Blob> files) {
        this.reader = reader;
        this.gate = gate;
        this.files = files;
    }

    /** The visible files of {@code commit} (none for null) below {@code folders}; blobs are read through {@code reader}. */
    static CommittedFiles of(ObjectReader reader, ObjectId commit, SecretGate gate, List<String> folders) throws IOException {
        TreeMap<String, Blob> out = new TreeMap<>();
        if (commit == null || folders.isEmpty()) return new CommittedFiles(reader, gate, out);
        try (RevWalk rw = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(folders));
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) continue;
                String path = tw.getPathString();
                if (path.substring(path.lastIndexOf('/') + 1).startsWith(".")) continue;
                ObjectId id = tw.getObjectId(0);
                long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
                if (!gate.checkPath(path, false, size).blocked()) out.put(path, new Blob(id, size));
            }
        }
        return new CommittedFiles(reader, gate, out);
    }

    /** The paths below {@code folder} (no trailing {@code /}), at any depth, sorted. */
    List<String> under(String folder) {
        String prefix = folder + "/";
        return List.copyOf(files.subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    }

    /** The names of the folders directly in {@code folder} that hold a file here, sorted. */
    SortedSet<String> folders(String folder) {
        String prefix = folder + "/";
        SortedSet<String> out = new TreeSet<>();
        for (String p : files.subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
            int slash = p.indexOf('/', prefix.length());
            if (slash > 0) out.add(p.substring(prefix.length(), slash));
        }
        return out;
    }

    /** The paths exactly one folder below {@code folder}, as decision cards sit ({@code conflicts/<agent>/<card>}), sorted. */
    List<String> oneFolderDown(String folder) {
        List<String> out = new ArrayList<>();
        for (String p : under(folder)) {
            String rest = p.substring(folder.length() + 1);
            int slash = rest.indexOf('/');
            if (slash > 0 && slash == rest.lastIndexOf('/')) out.add(p);
        }
        return out;
    }

    /**
     * The committed content of each of {@code paths} (paths of this set) that the gate's content scan lets
     * through, in the order given; the others are left out.
     */
    Map<String, byte[]> contents(List<String> paths) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String p : paths) {
            Blob b = files.get(p);
            if (b == null) continue;
            byte[] bytes = reader.open(b.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
            if (!gate.checkContent(p, bytes).blocked()) out.put(p, bytes);
        }
        return out;
    }
}
