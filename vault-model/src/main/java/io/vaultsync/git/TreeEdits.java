package io.vaultsync.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A new tree from an old one and some file edits, reading and writing only the trees on the edited paths:
 * on a 100k-file vault a commit of a few files touches a few trees instead of all of them. Files are set as
 * regular files; a folder left empty disappears. A file where a folder is (or the other way round) is a
 * {@link NameConflict}: the caller takes the slow path, which decides those.
 */
final class TreeEdits {
    private TreeEdits() {}

    /** An edit would put a file where a folder is, or a folder where a file is. */
    static final class NameConflict extends Exception {
        NameConflict(String path) {
            super(path, null, false, false);
        }
    }

    /**
     * @param tree  the old tree, or null for none
     * @param edits path to its new blob, or to null to remove the file
     * @return the new tree's id (the old id when nothing changed)
     */
    static ObjectId apply(ObjectReader reader, ObjectInserter ins, ObjectId tree, Map<String, ObjectId> edits)
            throws IOException, NameConflict {
        Map<String, Object> byName = new TreeMap<>();
        for (Map.Entry<String, ObjectId> e : edits.entrySet()) add(byName, key(e.getKey()), e.getValue(), e.getKey());
        ObjectId id = edit(reader, ins, tree, byName, "");
        return id != null ? id : new TreeFormatter().insertTo(ins); // no tree before, and nothing added
    }

    /** The path's bytes as a string of one char per byte, so that names compare and split exactly as git's. */
    private static String key(String path) {
        return new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private record Leaf(ObjectId blob, String path) {}

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> level, String rest, ObjectId blob, String path) throws NameConflict {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            if (level.putIfAbsent(rest, new Leaf(blob, path)) != null) throw new NameConflict(path);
            return;
        }
        Object sub = level.computeIfAbsent(rest.substring(0, slash), k -> new TreeMap<String, Object>());
        if (sub instanceof Leaf) throw new NameConflict(path); // a file and a folder of one name in one commit
        add((Map<String, Object>) sub, rest.substring(slash + 1), blob, path);
    }

    private record Entry(byte[] name, FileMode mode, ObjectId id) {}

    @SuppressWarnings("unchecked")
    private static ObjectId edit(ObjectReader reader, ObjectInserter ins, ObjectId tree, Map<String, Object> edits,
            String where) throws IOException, NameConflict {
        Map<String, Entry> entries = new HashMap<>();
        if (tree != null) {
            CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
            while (!p.eof()) {
                byte[] name = new byte[p.getNameLength()];
                p.getName(name, 0);
                entries.put(new String(name, StandardCharsets.ISO_8859_1), new Entry(name, p.getEntryFileMode(),
                        p.getEntryObjectId()));
                p.next(1);
            }
        }
        boolean changed = false;
        for (Map.Entry<String, Object> e : edits.entrySet()) {
            String name = e.getKey();
            Entry old = entries.get(name);
            boolean oldIsTree = old != null && old.mode().getObjectType() == Constants.OBJ_TREE;
            if (e.getValue() instanceof Leaf leaf) {
                if (oldIsTree) throw new NameConflict(leaf.path());
                if (leaf.blob() == null) {
                    changed |= entries.remove(name) != null;
                } else if (old == null || old.mode() != FileMode.REGULAR_FILE || !old.id().equals(leaf.blob())) {
                    entries.put(name, new Entry(name.getBytes(StandardCharsets.ISO_8859_1), FileMode.REGULAR_FILE, leaf.blob()));
                    changed = true;
                }
                continue;
            }
            if (old != null && !oldIsTree) throw new NameConflict(where + name + "/");
            ObjectId sub = edit(reader, ins, old == null ? null : old.id(), (Map<String, Object>) e.getValue(),
                    where + name + "/");
            if (sub == null) {
                changed |= entries.remove(name) != null;
            } else if (old == null || !old.id().equals(sub)) {
                entries.put(name, new Entry(name.getBytes(StandardCharsets.ISO_8859_1), FileMode.TREE, sub));
                changed = true;
            }
        }
        if (!changed) return tree;
        if (entries.isEmpty() && !where.isEmpty()) return null; // git keeps no empty folders
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(TreeEdits::gitOrder);
        TreeFormatter f = new TreeFormatter();
        for (Entry e : sorted) f.append(e.name(), e.mode(), e.id());
        return f.insertTo(ins);
    }

    /** Git's tree order: bytes, unsigned, a folder's name compared as if it ended with '/'. */
    static int gitOrder(Entry a, Entry b) {
        byte[] x = a.name();
        byte[] y = b.name();
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) return c;
        }
        int cx = x.length > n ? x[n] & 0xff : a.mode().getObjectType() == Constants.OBJ_TREE ? '/' : 0;
        int cy = y.length > n ? y[n] & 0xff : b.mode().getObjectType() == Constants.OBJ_TREE ? '/' : 0;
        return Integer.compare(cx, cy);
    }
}
