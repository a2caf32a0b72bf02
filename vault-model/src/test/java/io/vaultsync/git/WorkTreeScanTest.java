package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head's blobs of many paths, found in one walk, are the ones a lookup of each path finds. */
class WorkTreeScanTest {
    @Test
    void oneWalkFindsWhatALookupOfEachPathFinds(@TempDir Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call(); Repository repo = git.getRepository();
                ObjectInserter ins = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
                RevWalk rw = new RevWalk(reader)) {
            Map<String, ObjectId> files = new HashMap<>();
            for (String p : new String[] {"a.md", "a/b.md", "a/c/d.md", "a.b", "a-b/x.md", "Plans/p1/f1.md", "é/ü.md"}) {
                files.put(p, ins.insert(Constants.OBJ_BLOB, p.getBytes()));
            }
            RevTree tree = rw.parseTree(TreeEdits.apply(reader, ins, null, files));
            ins.flush();
            Set<String> asked = new LinkedHashSet<>(files.keySet());
            asked.add("a"); // a folder: no blob
            asked.add("a/c"); // a folder inside
            asked.add("Plans/p1/new.md"); // not in the head
            asked.add("Plans/p2/f1.md");
            asked.add("zz.md");

            Map<String, ObjectId> walked = WorkTreeScan.blobsAt(repo, tree, asked);

            Map<String, ObjectId> looked = new HashMap<>();
            for (String p : asked) {
                ObjectId id = WorkTreeScan.blobAt(repo, tree, p);
                if (id != null) looked.put(p, id);
            }
            assertThat(walked).isEqualTo(looked).isEqualTo(files);
            assertThat(WorkTreeScan.blobsAt(repo, null, asked)).isEmpty();
            assertThat(WorkTreeScan.blobsAt(repo, tree, Set.of())).isEmpty();
        }
    }
}
