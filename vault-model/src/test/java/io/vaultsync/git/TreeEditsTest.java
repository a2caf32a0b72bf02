package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree-editing commit path gives the very tree the full in-core index build gives, for random trees and
 * random edits, including names that sort around '/' ("a", "a.b", "a-b", "a0"), spaces and Unicode; a file
 * replacing a folder (or the reverse) is left to the full build.
 */
class TreeEditsTest {
    private static final String[] NAMES = {"a", "a.b", "a-b", "a0", "b", "Plans", "x y", "é", "z~", "A"};

    @Test
    void randomEditsGiveTheTreeTheFullBuildGives(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("vaultsync.tree.seed", System.nanoTime());
        Random rnd = new Random(seed);
        int agreed = 0;
        int conflicts = 0;
        try (Git git = Git.init().setDirectory(dir.toFile()).call(); Repository repo = git.getRepository();
                ObjectInserter ins = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            for (int round = 0; round < 400; round++) {
                Map<String, ObjectId> start = new HashMap<>();
                int files = rnd.nextInt(30);
                for (int i = 0; i < files; i++) start.put(randomPath(rnd), blob(ins, rnd));
                ObjectId base;
                try {
                    base = rnd.nextInt(10) == 0 ? null : TreeEdits.apply(reader, ins, null, start);
                } catch (TreeEdits.NameConflict e) {
                    continue; // the random start named a file and a folder alike: not a tree
                }
                List<String> existing = base == null ? List.of() : new ArrayList<>(start.keySet());
                Map<String, ObjectId> edits = new HashMap<>();
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int kind = rnd.nextInt(3);
                    if (kind == 0 && !existing.isEmpty()) {
                        edits.put(existing.get(rnd.nextInt(existing.size())), null); // delete
                    } else if (kind == 1 && !existing.isEmpty()) {
                        edits.put(existing.get(rnd.nextInt(existing.size())), blob(ins, rnd)); // modify
                    } else {
                        edits.put(randomPath(rnd), blob(ins, rnd)); // add (or modify, or a name conflict)
                    }
                }
                ObjectId want = CommitWriter.fullTree(reader, ins, base, edits);
                try {
                    assertThat(TreeEdits.apply(reader, ins, base, edits)).as("seed %d round %d", seed, round)
                            .isEqualTo(want);
                    agreed++;
                } catch (TreeEdits.NameConflict e) {
                    conflicts++;
                }
                assertThat(CommitWriter.tree(reader, ins, base, edits)).isEqualTo(want);
            }
            ins.flush();
        }
        assertThat(agreed).as("seed %d", seed).isGreaterThan(200);
        assertThat(conflicts).as("seed %d: some rounds must take the full build", seed).isPositive();
    }

    @Test
    void removingTheLastFileOfAFolderRemovesTheFolderAndNothingChangedKeepsTheId(@TempDir Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call(); Repository repo = git.getRepository();
                ObjectInserter ins = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            ObjectId one = ins.insert(Constants.OBJ_BLOB, "1".getBytes(StandardCharsets.UTF_8));
            ObjectId tree = TreeEdits.apply(reader, ins, null, Map.of("Plans/p1/f.md", one, "Dashboard.md", one));
            Map<String, ObjectId> delete = new HashMap<>();
            delete.put("Plans/p1/f.md", null);
            ObjectId after = TreeEdits.apply(reader, ins, tree, delete);
            assertThat(after).isEqualTo(TreeEdits.apply(reader, ins, null, Map.of("Dashboard.md", one)));
            assertThat(TreeEdits.apply(reader, ins, tree, Map.of("Plans/p1/f.md", one))).isEqualTo(tree);
            assertThatThrownBy(() -> TreeEdits.apply(reader, ins, tree, Map.of("Plans/p1", one)))
                    .isInstanceOf(TreeEdits.NameConflict.class);
            assertThatThrownBy(() -> TreeEdits.apply(reader, ins, tree, Map.of("Dashboard.md/x", one)))
                    .isInstanceOf(TreeEdits.NameConflict.class);
        }
    }

    private static String randomPath(Random rnd) {
        int depth = 1 + rnd.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) b.append('/');
            b.append(NAMES[rnd.nextInt(NAMES.length)]);
        }
        // most files end in .md; a few are named like folders, which makes name conflicts
        return rnd.nextInt(12) == 0 ? b.toString() : b + ".md";
    }

    private static ObjectId blob(ObjectInserter ins, Random rnd) throws Exception {
        return ins.insert(Constants.OBJ_BLOB, ("v" + rnd.nextInt(5)).getBytes(StandardCharsets.UTF_8));
    }
}
