package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full scan split into shards finds exactly what one IndexDiff over the whole tree finds, on many generated
 * trees: every path in exactly one shard, and the same changes and temp files from {@link WorkTreeScan}.
 */
class ShardedScanTest {
    private static final String[] DIRS = {"", "", "a", "a/b", "a/b/c/d", "Plans", "Plans/p1", "Plans/p2", "é", "x y", "Plans/p1/q"};
    private static final String[] NAMES = {"f.md", "g.txt", "é ü.md", "n o.md", "h", "w" + ".vaultsync-tmp", "p1", "q", "a", "Plans"};

    @Test
    void shardsTogetherListEveryPathOnceOnGeneratedTrees(@TempDir Path dir) throws IOException {
        long seed = Long.getLong("vaultsync.scan.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Path root = init(dir.resolve("v"));
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 60; round++) {
            List<String> did = new ArrayList<>();
            for (int op = 0; op < 2 + rnd.nextInt(12); op++) did.add(mutate(root, rnd));
            seen.addAll(assertShardsAgree(root, "seed " + seed + " round " + round + " after " + did));
        }
        // the generated trees had changes at the top and deep down, for the shards to split
        assertThat(seen).as("seed %d", seed).anyMatch(p -> !p.contains("/")).anyMatch(p -> p.split("/").length >= 3);
    }

    @Test
    void shardsAgreeOnConflictsLinksNestedRepositoriesAndOddNames(@TempDir Path dir) throws IOException {
        Path root = init(dir.resolve("v"));
        assertShardsAgree(root, "empty head, empty tree");
        write(root, "top.md", "1");
        write(root, "a/b/f.md", "1");
        write(root, "c/clash.md", "base");
        assertShardsAgree(root, "empty head, untracked files");
        CGit.run(root, "add", "-A");
        assertShardsAgree(root, "empty head, staged files");
        CGit.run(root, "commit", "-qm", "base");
        CGit.run(root, "checkout", "-qb", "side");
        write(root, "c/clash.md", "side");
        CGit.run(root, "commit", "-qam", "side");
        CGit.run(root, "checkout", "-q", "main");
        write(root, "c/clash.md", "main");
        CGit.run(root, "commit", "-qam", "main");
        assertThat(CGit.tryRun(root, "merge", "-q", "side").exitCode()).isNotZero(); // a conflict in the index
        Files.createSymbolicLink(root.resolve("a/link.md"), Path.of("b/f.md"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        write(root, "sub/.git", "gitdir: ../elsewhere\n"); // a .git file inside the tree
        write(root, "sub/inner.md", "x");
        CGit.run(root.resolve("a"), "init", "-q", "nested"); // a repository inside the tree
        write(root, "a/nested/n.md", "n");
        Files.delete(root.resolve("a/b/f.md")); // a deleted folder
        Files.delete(root.resolve("a/b"));
        CGit.run(root, "rm", "-q", "--cached", "top.md"); // a staged removal, the file kept
        CGit.tryRun(root, "-c", "core.quotepath=off", "status"); // nothing: C git refreshing the index is fine too
        new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name.md')\"").directory(root.toFile()).inheritIO().start()
                .onExit().join();
        write(root, "ok" + ".vaultsync-tmp", "t");
        Set<String> listed = assertShardsAgree(root, "conflict, links, nested repositories, odd names");
        assertThat(listed).contains("c/clash.md", "a/b/f.md", "a/link.md", "dangling", "top.md").anyMatch(p -> p.contains("\uFFFD"));
    }

    /** The shards' lists are disjoint and together the one IndexDiff's; the scans' results are equal. */
    private static Set<String> assertShardsAgree(Path root, String why) throws IOException {
        try (VaultRepo vault = VaultRepo.open(root, "main")) {
            Repository repo = vault.repository();
            ObjectId head = vault.head();
            Set<String> one = ShardedDiff.perShard(repo, head, 1).get(0);
            WorkTreeScan.Result single = WorkTreeScan.scan(vault, ScanScope.ALL, Progress.NONE, 1);
            for (int k = 2; k <= 5; k++) {
                List<Set<String>> parts = ShardedDiff.perShard(repo, head, k);
                Set<String> union = new HashSet<>();
                int listed = 0;
                for (Set<String> p : parts) {
                    union.addAll(p);
                    listed += p.size();
                }
                assertThat(union).as("%s, %d shards: the same paths", why, k).isEqualTo(one);
                assertThat(listed).as("%s, %d shards: no path in two shards %s", why, k, parts).isEqualTo(union.size());
                assertThat(WorkTreeScan.scan(vault, ScanScope.ALL, Progress.NONE, k)).as("%s, %d shards", why, k)
                        .isEqualTo(single);
            }
            return one;
        }
    }

    private static Path init(Path root) throws IOException {
        Files.createDirectories(root);
        CGit.run(root, "init", "-q", "-b", "main");
        CGit.run(root, "remote", "add", "origin", root.resolveSibling("remote.git").toString());
        return root;
    }

    /** One random change to the tree or the index; says what it did. */
    private static String mutate(Path root, Random rnd) throws IOException {
        String folder = pick(rnd, DIRS);
        String path = folder.isEmpty() ? pick(rnd, NAMES) : folder + "/" + pick(rnd, NAMES);
        List<String> files = files(root);
        String some = files.isEmpty() ? path : files.get(rnd.nextInt(files.size()));
        switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> write(root, path, "v" + rnd.nextInt(3));
            case 3 -> Files.deleteIfExists(root.resolve(some));
            case 4 -> {
                Path up = root.resolve(some).getParent();
                if (!up.equals(root) && Files.isDirectory(up, LinkOption.NOFOLLOW_LINKS)) PathUtils.deleteDirectory(up);
            }
            case 5 -> CGit.run(root, "add", "-A");
            case 6 -> CGit.tryRun(root, "add", "--", some);
            case 7 -> {
                CGit.run(root, "add", "-A");
                CGit.run(root, "commit", "-q", "--allow-empty", "-m", "round");
            }
            case 8 -> CGit.tryRun(root, "rm", "-q", "--cached", "--", some);
            default -> {
                if (Files.isRegularFile(root.resolve(some), LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(root.resolve(some), PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return path + "|" + some;
    }

    private static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    /** Writes a file, first removing a file where a folder must be, or a folder where the file goes. */
    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        for (Path p = file.getParent(); !p.equals(root); p = p.getParent()) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.delete(p);
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) PathUtils.deleteDirectory(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !root.relativize(p).startsWith(".git") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
