package io.vaultsync.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.progress.Progress;
import io.vaultsync.fixtures.PlainHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate over a whole history made with C git: every path of every commit, each blob read once. */
class HistoryAuditTest {
    @TempDir
    Path root;

    static final SecretGate GATE = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);

    @Test
    void filesDeletedInALaterCommitAreFoundAtTheCommitThatAddedThem() throws IOException {
        PlainHistory h = PlainHistory.create(root, true);

        HistoryAudit.Report r = audit(h.remote(), GATE);

        String first = h.secretsCommit().substring(0, 10);
        assertThat(r.findings()).containsExactly(
                new HistoryAudit.Finding(".env", first, "add the config", "deny:.env*"),
                new HistoryAudit.Finding(PlainHistory.TOKEN_FILE, first, "add the config", "content:github-token"));
        assertThat(r.commits()).isEqualTo(4);
        assertThat(String.join("\n", HistoryReport.findings(r)) + HistoryReport.summary(r)).doesNotContain(h.token());
    }

    @Test
    void aCleanHistoryHasNoFindings() throws IOException {
        PlainHistory h = PlainHistory.create(root, false);

        HistoryAudit.Report r = audit(h.remote(), GATE);

        assertThat(r.clean()).isTrue();
        assertThat(HistoryReport.summary(r)).contains("audited 2 commits", "no secrets found");
    }

    @Test
    void eachDistinctBlobIsReadOnceWhereverAndWheneverItAppears() throws IOException {
        Path repo = plainRepo();
        for (int i = 0; i < 20; i++) {
            VaultFiles.write(repo, "copies/c" + i + ".md", "the same text\n"); // one blob, twenty paths
            VaultFiles.write(repo, "log.md", "entry " + (i % 2) + "\n"); // two blobs, flipping back and forth
            commit(repo, "step " + i);
        }
        AtomicLong reported = new AtomicLong();
        Progress counting = new Progress() {
            public void begin(String phase, long files, long bytes) { }
            public void advance(long files, long bytes) { reported.addAndGet(files); }
            public void end() { }
        };

        HistoryAudit.Report r = new HistoryAudit(GATE, counting).audit(open(repo), head(repo));

        assertThat(r.blobs()).isEqualTo(3);
        assertThat(r.bytes()).isEqualTo("the same text\n".length() + 2L * "entry 0\n".length());
        assertThat(reported.get()).isEqualTo(20);
    }

    @Test
    void aSecretBroughtInByAMergedBranchIsFoundAtItsOwnCommit() throws IOException {
        Path repo = plainRepo();
        VaultFiles.write(repo, "a.md", "a\n");
        commit(repo, "base");
        CGit.run(repo, "checkout", "-q", "-b", "side");
        VaultFiles.write(repo, "keys/id_rsa", "not really a key\n");
        commit(repo, "a key on the side");
        String side = CGit.run(repo, "rev-parse", "HEAD").trim();
        CGit.run(repo, "checkout", "-q", "main");
        VaultFiles.write(repo, "b.md", "b\n");
        commit(repo, "main moves on");
        CGit.run(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side");

        HistoryAudit.Report r = audit(repo, GATE);

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("keys/id_rsa");
            assertThat(f.commit()).isEqualTo(side.substring(0, 10));
        });
    }

    @Test
    void aTokenInACommitMessageIsFoundAndItsSubjectWithheld() throws IOException {
        Path repo = plainRepo();
        String token = "gh" + "p_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        VaultFiles.write(repo, "a.md", "a\n");
        commit(repo, "use " + token + " for CI");

        HistoryAudit.Report r = audit(repo, GATE);

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(HistoryAudit.MESSAGE);
            assertThat(f.rule()).isEqualTo("content:github-token");
            assertThat(f.subject()).doesNotContain(token).contains("withheld");
        });
    }

    @Test
    void aTokenInAPathIsShownMaskedAndABlobOverTheSizeLimitIsNamedNotRead() throws IOException {
        Path repo = plainRepo();
        String token = "gh" + "p_" + "Z1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        VaultFiles.write(repo, "Plans/" + token + ".md", "plan\n");
        VaultFiles.write(repo, "big.md", "x".repeat(2000) + "\n");
        commit(repo, "one");

        HistoryAudit.Report r = audit(repo, SecretGate.standard(List.of(), 1000));

        assertThat(r.findings()).extracting(HistoryAudit.Finding::path).containsExactly(SecretGate.shown("Plans/" + token + ".md"));
        assertThat(r.findings().get(0).path()).doesNotContain(token);
        assertThat(r.unscanned()).containsExactly("big.md");
        assertThat(r.bytes()).isEqualTo("plan\n".length());
    }

    @Test
    void aLargeHistoryIsAuditedInSeconds() throws IOException {
        int files = Integer.getInteger("historyAudit.files", 5_000); // -DhistoryAudit.files=100000 to measure
        Path repo = plainRepo();
        List<String> stream = new ArrayList<>();
        StringBuilder fi = new StringBuilder("commit refs/heads/main\ncommitter H <h@x.invalid> 1700000000 +0000\ndata 4\nbulk\n");
        for (int i = 0; i < files; i++) {
            String body = "# note " + i + "\n\nline " + i + "\n";
            fi.append("M 100644 inline notes/").append(i % 100).append("/n").append(i).append(".md\ndata ")
                    .append(body.length()).append('\n').append(body).append('\n');
        }
        stream.add(fi.toString());
        for (int c = 1; c <= 20; c++) { // then 20 commits, each touching 50 files
            StringBuilder s = new StringBuilder("commit refs/heads/main\ncommitter H <h@x.invalid> " + (1700000000 + c)
                    + " +0000\ndata 4\nedit\n");
            for (int i = 0; i < 50; i++) {
                String body = "edited " + c + "/" + i + "\n";
                s.append("M 100644 inline notes/").append(i).append("/n").append(i).append(".md\ndata ")
                        .append(body.length()).append('\n').append(body).append('\n');
            }
            stream.add(s.toString());
        }
        java.nio.file.Files.writeString(root.resolve("fi.txt"), String.join("", stream));
        fastImport(repo, root.resolve("fi.txt"));
        long start = System.nanoTime();

        HistoryAudit.Report r = audit(repo, GATE);

        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("history audit: %d files, %d commits, %d blobs, %d bytes in %d ms%n", files, r.commits(),
                r.blobs(), r.bytes(), ms);
        assertThat(r.blobs()).isEqualTo(files + 20 * 50);
        assertThat(r.clean()).isTrue();
        assertThat(ms).as("audit time").isLessThan(60_000);
    }

    /** C git's fast-import reading {@code stream}: the quick way to a history of many files. */
    private static void fastImport(Path repo, Path stream) {
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "fast-import", "--quiet").directory(repo.toFile())
                    .redirectInput(stream.toFile()).redirectErrorStream(true);
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Path plainRepo() {
        Path repo = root.resolve("repo");
        repo.toFile().mkdirs();
        CGit.run(repo, "init", "-q", "-b", "main");
        return repo;
    }

    private static void commit(Path repo, String message) {
        CGit.run(repo, "add", "-A");
        CGit.run(repo, "commit", "-qm", message);
    }

    private static HistoryAudit.Report audit(Path repo, SecretGate gate) throws IOException {
        return new HistoryAudit(gate, Progress.NONE).audit(open(repo), head(repo));
    }

    private static Repository open(Path repo) throws IOException {
        Path git = repo.resolve(".git").toFile().isDirectory() ? repo.resolve(".git") : repo;
        return new FileRepositoryBuilder().setGitDir(git.toFile()).setMustExist(true).build();
    }

    private static ObjectId head(Path repo) {
        return ObjectId.fromString(CGit.run(repo, "rev-parse", "main").trim());
    }
}
