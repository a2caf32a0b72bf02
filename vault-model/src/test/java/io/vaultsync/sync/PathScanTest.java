package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.policy.Zones;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan of the paths a watcher reported finds exactly what a full scan finds there: files and folders
 * added, changed, removed, renamed, replaced, links, names with spaces and Unicode. The running agent's
 * cycles scan only those paths, and what a prelude wrote.
 */
class PathScanTest {
    private static final String[] NAMES = {"a", "b c", "é", "Plan 1.md", "x.md", "ü ß.md"};

    @Test
    void aPathScanFindsWhatAFullScanFindsUnderThosePaths(@TempDir Path root) throws IOException {
        TestVaults v = TestVaults.create(root);
        long seed = Long.getLong("vaultsync.scan.seed", System.nanoTime());
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            Set<String> touched = new HashSet<>();
            for (int op = 0; op < 1 + rnd.nextInt(6); op++) touched.add(mutate(v.cloud(), rnd));
            List<Zones.Change> full;
            List<Zones.Change> paths;
            try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
                full = WorkTreeScan.scan(vault).changes();
                paths = WorkTreeScan.scan(vault, ScanScope.paths(touched)).changes();
            }
            assertThat(paths).as("seed %d round %d, touched %s", seed, round, touched)
                    .containsExactlyInAnyOrderElementsOf(full.stream().filter(c -> under(c.path(), touched)).toList());
            if (rnd.nextBoolean()) v.syncCloud();
        }
    }

    @Test
    void theWatcherReportsEveryPathAFullScanWouldFind(@TempDir Path root) throws Exception {
        TestVaults v = TestVaults.create(root);
        TestVaults.write(v.cloud(), "Plans/old/one.md", "1");
        TestVaults.write(v.cloud(), "Plans/keep.md", "k");
        v.syncCloud();
        try (TreeWatcher w = TreeWatcher.start(v.cloud(), () -> { })) {
            // a folder tree made faster than a watch can be put on each new folder, a removal, an edit
            Files.createDirectories(v.cloud().resolve("Plans/new/deep/er"));
            for (int i = 0; i < 50; i++) TestVaults.write(v.cloud(), "Plans/new/deep/er/f " + i + ".md", "n" + i);
            deleteTree(v.cloud().resolve("Plans/old"));
            TestVaults.write(v.cloud(), "Plans/keep.md", "changed");
            ScanScope[] seen = {ScanScope.paths(Set.of())};
            List<List<Zones.Change>> fullAndScoped = new ArrayList<>(List.of(List.of(), List.of()));
            Await.until("the watcher's paths to show every change", Duration.ofSeconds(20), () -> {
                seen[0] = seen[0].with(w.drain());
                try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
                    fullAndScoped.set(0, WorkTreeScan.scan(vault).changes());
                    fullAndScoped.set(1, WorkTreeScan.scan(vault, seen[0]).changes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return fullAndScoped.get(1).equals(fullAndScoped.get(0));
            });
            assertThat(seen[0]).isInstanceOf(ScanScope.Paths.class); // the answer came from paths, not a full scan
            assertThat(fullAndScoped.get(1)).hasSize(52);
        }
    }

    @Test
    void theWatcherOutlivesFoldersThatVanishWhileItAddsThem(@TempDir Path root) throws Exception {
        TestVaults v = TestVaults.create(root);
        try (TreeWatcher w = TreeWatcher.start(v.cloud(), () -> { })) {
            // like a conflict copy's temp files: a folder of files that is gone again before it is watched
            for (int round = 0; round < 300; round++) {
                Path tmp = v.cloud().resolve("Plans/tmp-" + round);
                Files.createDirectories(tmp.resolve("sub"));
                for (int i = 0; i < 20; i++) Files.writeString(tmp.resolve("sub/f" + i + ".tmp"), "x");
                deleteTree(tmp);
            }
            // the churn may overflow the event queue or pass the path limit (a full scan, by design): let it
            // settle and forget it; a live watcher then reports the next write as a path
            Await.until("the churn's events to settle", Duration.ofSeconds(20), () -> {
                w.drain();
                return System.nanoTime() - w.lastChangeNanos() >= Duration.ofMillis(500).toNanos();
            });
            w.drain();
            TestVaults.write(v.cloud(), "Plans/after.md", "still watched");
            ScanScope[] seen = {ScanScope.paths(Set.of())};
            // a stopped watcher reports nothing more, and this wait times out
            Await.until("the next write to be reported", Duration.ofSeconds(20), () -> {
                seen[0] = seen[0].with(w.drain());
                return !(seen[0] instanceof ScanScope.Paths p) || p.paths().contains("Plans/after.md");
            });
            assertThat(seen[0]).as("reported as a path, not as a full scan").isInstanceOf(ScanScope.Paths.class);
            assertThat(((ScanScope.Paths) seen[0]).paths()).contains("Plans/after.md");
        }
    }

    @Test
    void aScopedCycleCommitsWhatThePreludeSaysItWroteAndNothingElse(@TempDir Path root) throws IOException {
        TestVaults v = TestVaults.create(root);
        TestVaults.write(v.cloud(), "Plans/unreported.md", "nobody said");
        SyncCycle cycle = new SyncCycle(v.cloudAgent(), Clock.systemUTC(), Backoff.DEFAULT, Duration.ofSeconds(5));
        SyncReport r = cycle.run(v.cloud(), ctx -> {
            TestVaults.write(v.cloud(), "Plans/by-prelude.md", "renewed");
            ctx.wrote("Plans/by-prelude.md");
        }, ScanScope.paths(Set.of("Plans/reported.md")));
        assertThat(r.committedPaths()).isEqualTo(1);
        assertThat(v.syncCloud().committedPaths()).as("a full scan finds the rest").isEqualTo(1);
    }

    private static boolean under(String path, Set<String> touched) {
        for (String t : touched) if (path.equals(t) || path.startsWith(t + "/")) return true;
        return false;
    }

    /** One random change under Plans/ (the cloud's zone); returns the path a watcher would report. */
    private static String mutate(Path vault, Random rnd) throws IOException {
        String dir = "Plans/" + NAMES[rnd.nextInt(3)];
        String file = dir + "/" + NAMES[3 + rnd.nextInt(3)];
        Path f = vault.resolve(file);
        switch (rnd.nextInt(6)) {
            case 0, 1 -> {
                if (Files.isDirectory(f)) deleteTree(f);
                TestVaults.write(vault, file, "v" + rnd.nextInt(3));
                return Files.isDirectory(vault.resolve(dir)) ? file : dir;
            }
            case 2 -> {
                deleteTree(f);
                return file;
            }
            case 3 -> {
                deleteTree(vault.resolve(dir));
                return dir;
            }
            case 4 -> {
                String to = "Plans/" + NAMES[rnd.nextInt(3)] + " moved";
                if (Files.isDirectory(vault.resolve(dir)) && !Files.exists(vault.resolve(to))) {
                    Files.move(vault.resolve(dir), vault.resolve(to));
                }
                return rnd.nextBoolean() ? dir : to; // a watcher reports both; either alone must be exact for itself
            }
            default -> {
                Files.createDirectories(vault.resolve(dir));
                Path link = vault.resolve(dir + "/link.md");
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, Path.of("x.md"));
                return dir + "/link.md";
            }
        }
    }

    /** A file, or a folder and everything in it (links not followed); nothing if it is not there. */
    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) PathUtils.delete(p);
    }
}
