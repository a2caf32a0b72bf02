package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel checkout of a fresh clone leaves what C git's clone leaves: the same files with the same
 * bytes and modes, an index that C git finds clean; a tree it does not cover (a symbolic link) goes through
 * JGit's checkout; a path no checkout may write (".git") is refused.
 */
class FreshCheckoutTest {
    @TempDir
    Path root;

    @Test
    void manyFilesOnFourThreadsGiveTheTreeCGitChecksOut() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path human = root.resolve("human");
        CGit.run(root, "clone", "-q", remote.toString(), human.toString());
        for (int i = 0; i < 500; i++) VaultFiles.write(human, "Plans/p" + (i % 13) + "/d" + (i % 3) + "/f" + i + ".md", "plan " + i + "\n");
        VaultFiles.write(human, "Dashboard.md", "");
        VaultFiles.write(human, "x y/é ü.md", "unicode\r\nkept as it is\n");
        VaultFiles.write(human, "run.sh", "#!/bin/sh\n");
        CGit.run(human, "add", "-A");
        CGit.run(human, "update-index", "--chmod=+x", "run.sh");
        CGit.run(human, "commit", "-qm", "files");
        CGit.run(human, "push", "-q", "origin", "main");

        Path clone = cloneWithoutCheckout(remote, "agent");
        try (Repository repo = open(clone)) {
            FreshCheckout.run(repo, 4);
        }

        assertThat(files(clone)).isEqualTo(files(human));
        assertThat(Files.isExecutable(clone.resolve("run.sh"))).isTrue();
        assertThat(Files.isExecutable(clone.resolve("Dashboard.md"))).isFalse();
        assertThat(CGit.run(clone, "status", "--porcelain")).isEmpty();
        assertThat(CGit.run(clone, "ls-files", "-s")).isEqualTo(CGit.run(human, "ls-files", "-s"));
        try (Repository repo = open(clone)) {
            DirCache dc = repo.readDirCache();
            assertThat(dc.getEntryCount()).isEqualTo(503);
            assertThat(dc.getEntry("Plans/p0/d0/f0.md").getLength()).isEqualTo("plan 0\n".length());
        }
    }

    @Test
    void aTreeWithASymbolicLinkIsCheckedOutByJGit() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path human = root.resolve("human");
        CGit.run(root, "clone", "-q", remote.toString(), human.toString());
        VaultFiles.write(human, "Plans/a.md", "a\n");
        Files.createSymbolicLink(human.resolve("Plans/link.md"), Path.of("a.md"));
        CGit.run(human, "add", "-A");
        CGit.run(human, "commit", "-qm", "link");
        CGit.run(human, "push", "-q", "origin", "main");

        Path clone = cloneWithoutCheckout(remote, "agent");
        try (Repository repo = open(clone)) {
            repo.getConfig().setBoolean("core", null, "symlinks", true);
            FreshCheckout.run(repo, 4);
        }

        assertThat(Files.isSymbolicLink(clone.resolve("Plans/link.md"))).isTrue();
        assertThat(Files.readString(clone.resolve("Plans/a.md"))).isEqualTo("a\n");
        assertThat(CGit.run(clone, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aTreeWithADotGitFolderIsRefusedBeforeAnyFileIsWritten() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        try (Repository bare = new FileRepositoryBuilder().setGitDir(remote.toFile()).build();
                ObjectInserter ins = bare.newObjectInserter()) {
            TreeFormatter hook = new TreeFormatter();
            hook.append("config", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, "[core]\n".getBytes()));
            TreeFormatter top = new TreeFormatter();
            top.append(".git", FileMode.TREE, ins.insert(hook));
            top.append("a.md", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, "a\n".getBytes()));
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(ins.insert(top));
            PersonIdent who = new PersonIdent("x", "x@example.invalid");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("hostile");
            ObjectId commit = ins.insert(cb);
            ins.flush();
            var u = bare.updateRef("refs/heads/main");
            u.setNewObjectId(commit);
            u.update();
        }

        Path clone = cloneWithoutCheckout(remote, "agent");
        try (Repository repo = open(clone)) {
            assertThatThrownBy(() -> FreshCheckout.run(repo, 4)).isInstanceOf(IOException.class)
                    .hasMessageContaining("no checkout may write");
        }
        assertThat(clone.resolve("a.md")).doesNotExist();
    }

    private Path cloneWithoutCheckout(Path remote, String name) throws Exception {
        Path dir = root.resolve(name);
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(dir.toFile()).setNoCheckout(true).call()) {
            VaultRepo.configure(g.getRepository());
        }
        return dir;
    }

    private static Repository open(Path clone) throws IOException {
        return new FileRepositoryBuilder().setWorkTree(clone.toFile()).setGitDir(clone.resolve(".git").toFile()).build();
    }

    /** Every file under the work tree (not .git) with its bytes as text. */
    private static Map<String, String> files(Path tree) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = tree.relativize(p).toString();
                if (rel.startsWith(".git") || !Files.isRegularFile(p)) continue;
                out.put(rel, Files.readString(p));
            }
        }
        return out;
    }
}
