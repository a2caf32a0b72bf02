package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents and a plain-git writer change overlapping files under random schedules: every version any side
 * wrote stays recoverable from a work tree or from history reachable from the remote branch, no file holds
 * conflict markers, no cycle returns mid-merge or mid-rebase, and C git's fsck is clean. The number of
 * schedules is {@code -Dvaultsync.conflict.schedules} (the soak profile runs more); the seed is printed.
 */
class ConflictSchedulesTest {
    /** Paths of every zone, so each actor writes in its own, in others' and in nobody's. */
    static final List<String> PATHS = List.of("Dashboard.md", "Done/d.md", "Approved/a.md", "Plans/p.md",
            "Needs_Action/n.md", "Pending_Approval/email/e.md", "Updates/SIGNAL_u.md", "notes/free.md", "Rejected/r.md");

    @TempDir
    Path root;

    /** A person with a plain C git clone: always lands its change (fetch, reset, write, commit, push). */
    static final class PlainGit {
        final Path dir;

        PlainGit(Path remote, Path dir) {
            this.dir = dir;
            CGit.run(remote.getParent(), "clone", "-q", remote.toString(), dir.toString());
        }

        /** Writes (or deletes, for null) and pushes; false when there was nothing to commit. */
        boolean commit(String path, String content) {
            for (int attempt = 0; attempt < 50; attempt++) {
                CGit.run(dir, "fetch", "-q", "origin");
                CGit.run(dir, "reset", "-q", "--hard", "origin/main");
                Path f = dir.resolve(path);
                try {
                    if (content == null) {
                        if (!Files.exists(f)) return false;
                        Files.delete(f);
                    } else {
                        Files.createDirectories(f.getParent());
                        Files.writeString(f, content, StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                CGit.run(dir, "add", "-A", "--", path);
                if (CGit.tryRun(dir, "diff", "--cached", "--quiet").exitCode() == 0) return false;
                CGit.run(dir, "commit", "-qm", "by hand: " + path);
                if (CGit.tryRun(dir, "push", "-q", "origin", "main").exitCode() == 0) return true;
            }
            throw new AssertionError("the plain git writer never got its push in");
        }
    }

    @Test
    void everyVersionAnySideWroteSurvivesAnySchedule() throws Exception {
        int schedules = Integer.getInteger("vaultsync.conflict.schedules", 150);
        long seed = Long.getLong("vaultsync.conflict.seed", System.nanoTime());
        System.out.println("ConflictSchedulesTest: " + schedules + " schedules, seed " + seed
                + " (rerun with -Dvaultsync.conflict.seed=" + seed + ")");
        Random rnd = new Random(seed);
        TestVaults v = TestVaults.create(root);
        v.syncCloud();
        v.syncLocal();
        PlainGit human = new PlainGit(v.remote(), root.resolve("human"));
        History history = new History(v.remote());
        Map<String, String> written = new LinkedHashMap<>(); // version -> who wrote it where, in which schedule
        List<List<String>> traces = new ArrayList<>();
        Map<String, Path> agents = new LinkedHashMap<>();
        agents.put("cloud", v.cloud());
        agents.put("local", v.local());
        int cycles = 0;
        long start = System.nanoTime();
        for (int s = 0; s < schedules; s++) {
            // an agent writes a path at most once between two of its cycles: each version it wrote meets a cycle
            Map<String, Set<String>> dirty = new HashMap<>();
            agents.keySet().forEach(a -> dirty.put(a, new HashSet<>()));
            int steps = 3 + rnd.nextInt(6);
            List<String> trace = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                int action = rnd.nextInt(10);
                String path = PATHS.get(rnd.nextInt(PATHS.size()));
                String content = "v " + s + "." + step + " " + Long.toHexString(rnd.nextLong()) + "\n";
                boolean delete = rnd.nextInt(5) == 0;
                if (action < 4) {
                    String a = action < 2 ? "cloud" : "local";
                    if (!dirty.get(a).add(path)) continue;
                    Path f = agents.get(a).resolve(path);
                    if (Files.isRegularFile(f)) {
                        // overwriting its own version that is still in place is the writer's decision, not a loss
                        String own = Files.readString(f, StandardCharsets.ISO_8859_1);
                        String by = written.get(own);
                        if (by != null && by.startsWith(a + " " + path + " ")) written.remove(own);
                    }
                    if (delete) {
                        Files.deleteIfExists(f);
                    } else {
                        Files.createDirectories(f.getParent());
                        Files.writeString(f, content, StandardCharsets.UTF_8);
                        written.put(content, a + " " + path + " in schedule " + s);
                    }
                    trace.add(a + (delete ? " deletes " : " writes ") + path + (delete ? "" : " (" + content.trim() + ")"));
                } else if (action < 6) {
                    if (human.commit(path, delete ? null : content) && !delete) written.put(content, "git " + path + " in schedule " + s);
                    trace.add("git " + (delete ? "deletes " : "writes ") + path + (delete ? "" : " (" + content.trim() + ")"));
                } else {
                    String a = action < 8 ? "cloud" : "local";
                    cycle(v, a, trace);
                    dirty.get(a).clear();
                    cycles++;
                }
            }
            // settle: each agent cycles until a round changes nothing on either side
            for (int round = 0; round < 4; round++) {
                boolean quiet = cycle(v, "cloud", trace) & cycle(v, "local", trace);
                cycles += 2;
                if (quiet && round > 0) break;
            }
            traces.add(trace);
            if (s % 25 == 24) {
                System.out.printf("ConflictSchedulesTest: %d schedules, %d cycles, %.1f s%n", s + 1, cycles,
                        (System.nanoTime() - start) / 1e9);
            }
            Set<String> present = history.update();
            for (Path wt : List.of(v.cloud(), v.local())) present.addAll(contents(wt));
            for (var w : written.entrySet()) {
                if (present.contains(w.getKey())) continue;
                int from = Integer.parseInt(w.getValue().substring(w.getValue().lastIndexOf(' ') + 1));
                throw new AssertionError("seed " + seed + ": after schedule " + s + ", the version '" + w.getKey().trim()
                        + "' (" + w.getValue() + ") is nowhere; schedules since:\n"
                        + String.join("\n", traces.subList(from, s + 1).stream().map(Object::toString).toList()));
            }
            for (Path wt : List.of(v.cloud(), v.local())) {
                for (String c : contents(wt)) {
                    assertThat(c).as("schedule %d (seed %d): conflict markers after %s", s, seed, trace)
                            .doesNotContain("<<<<<<<").doesNotContain(">>>>>>>");
                }
            }
        }
        CGit.assertFsckStrict(v.remote());
        CGit.assertFsckStrict(v.cloud());
        CGit.assertFsckStrict(v.local());
        System.out.printf("ConflictSchedulesTest: %d schedules, %d cycles, %d versions, %.1f s%n", schedules, cycles,
                written.size(), (System.nanoTime() - start) / 1e9);
    }

    /** One agent cycle, which must complete and must not leave merge or rebase state; true if it was idle. */
    static boolean cycle(TestVaults v, String agent, List<String> trace) throws Exception {
        SyncReport r = agent.equals("cloud") ? v.syncCloud() : v.syncLocal();
        trace.add(agent + " sync: " + r.outcome().getClass().getSimpleName() + " cards=" + r.cards().size());
        assertThat(r.outcome().completed()).as("%s cycle after %s", agent, trace).isTrue();
        assertThat(r.errors()).as("%s cycle errors after %s", agent, trace).isEmpty();
        Path git = (agent.equals("cloud") ? v.cloud() : v.local()).resolve(".git");
        for (String state : List.of("MERGE_HEAD", "rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD")) {
            assertThat(git.resolve(state)).as("%s left %s after %s", agent, state, trace).doesNotExist();
        }
        return r.outcome() instanceof SyncOutcome.UpToDate && r.committedPaths() == 0;
    }

    /** Every regular file's content in a work tree (outside .git). */
    static Set<String> contents(Path wt) throws IOException {
        Set<String> out = new HashSet<>();
        Path git = wt.resolve(".git");
        try (Stream<Path> files = Files.walk(wt)) {
            for (Path f : files.filter(p -> !p.startsWith(git)).filter(Files::isRegularFile).toList()) {
                out.add(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** The contents of every blob in the remote branch's history, read incrementally. */
    static final class History {
        final Path remote;
        final Set<String> seen = new HashSet<>();
        ObjectId last;

        History(Path remote) {
            this.remote = remote;
        }

        Set<String> update() throws IOException {
            try (Repository r = new FileRepositoryBuilder().setGitDir(remote.toFile()).setMustExist(true).build();
                    RevWalk rw = new RevWalk(r)) {
                ObjectId head = r.resolve("refs/heads/main");
                rw.markStart(rw.parseCommit(head));
                if (last != null) rw.markUninteresting(rw.parseCommit(last));
                for (RevCommit c : rw) {
                    try (TreeWalk tw = new TreeWalk(r)) {
                        tw.addTree(c.getTree());
                        tw.setRecursive(true);
                        while (tw.next()) seen.add(new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
                last = head;
            }
            return new HashSet<>(seen);
        }
    }
}
