package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.PlainHistory;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adoption of a C-git history that fails late (the remote moves during the audit) or meets a person's files. */
class HistoryAdoptionTest {
    @TempDir
    Path root;

    @Test
    void aRemoteThatMovesDuringTheAuditRefusesThePushAndTheCloneStaysAsItWas() throws IOException {
        PlainHistory h = PlainHistory.create(root, false);
        Path clone = root.resolve("clone");
        CGit.run(root, "clone", "-q", h.remote().toString(), clone.toString());
        Map<String, String> before = workTree(clone);
        String localHead = CGit.run(clone, "rev-parse", "HEAD").trim();
        Progress racer = new Progress() { // a person pushes while the audit runs
            public void begin(String phase, long files, long bytes) { }
            public void advance(long files, long bytes) { }
            public void end() {
                CGit.pushAsHuman(h.remote(), "notes/late.md", "late\n");
            }
        };
        VaultInit init = new VaultInit(Clock.systemUTC(), new HistoryAdoption.Options(false, racer, r -> { }));

        assertThatThrownBy(() -> init.init(clone, h.remote().toString(), "local_agent", Role.LOCAL, "desk", "main"))
                .isInstanceOf(VaultStateException.class).hasMessageContaining("moved while it was being adopted");

        assertThat(workTree(clone)).isEqualTo(before);
        assertThat(CGit.run(clone, "rev-parse", "HEAD").trim()).isEqualTo(localHead);
        assertThat(CGit.run(clone, "status", "--porcelain")).isEmpty();
        assertThat(CGit.run(h.remote(), "log", "--format=%s", "main")).doesNotContain("vaultsync");
        assertThat(clone.resolve(".git/vaultsync/agent.yaml")).doesNotExist();
    }

    @Test
    void aPersonsUncommittedFileWhereTheVaultGoesStopsItBeforeAnythingIsPushed() throws IOException {
        PlainHistory h = PlainHistory.create(root, false);
        Path clone = root.resolve("clone");
        CGit.run(root, "clone", "-q", h.remote().toString(), clone.toString());
        VaultFiles.write(clone, "Dashboard.md", "my own dashboard\n");
        Files.writeString(clone.resolve("Approved"), "a file where a folder goes\n");
        String refs = h.refs();

        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(clone, h.remote().toString(), "local_agent",
                Role.LOCAL, "desk", "main")).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("nothing was pushed");

        assertThat(h.refs()).isEqualTo(refs);
        assertThat(VaultFiles.read(clone, "Dashboard.md")).isEqualTo("my own dashboard\n");
        assertThat(clone.resolve(Policy.PATH)).doesNotExist();
    }

    @Test
    void aShallowCloneIsRefusedSinceItsHistoryCannotBeAudited() {
        PlainHistory h = PlainHistory.create(root, true);
        Path clone = root.resolve("shallow");
        CGit.run(root, "clone", "-q", "--depth", "1", h.remote().toUri().toString(), clone.toString());
        CGit.run(clone, "remote", "set-url", "origin", h.remote().toString());
        String refs = h.refs();

        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC(), new HistoryAdoption.Options(true, Progress.NONE, r -> { }))
                .init(clone, h.remote().toString(), "local_agent", Role.LOCAL, "desk", "main"))
                .isInstanceOf(VaultStateException.class).hasMessageContaining("shallow clone");
        assertThat(h.refs()).isEqualTo(refs);
    }

    @Test
    void anExistingGitignoreKeepsItsLinesAndGetsTheDenylistAppendedOnce() {
        byte[] template = ".env*\n*.pem\n".getBytes();
        byte[] mine = "build/\n".getBytes();

        String merged = new String(AdoptionFiles.gitignore(mine, template));

        assertThat(merged).startsWith("build/\n\n" + AdoptionFiles.GITIGNORE_HEADER).endsWith(".env*\n*.pem\n");
        assertThat(AdoptionFiles.gitignore(merged.getBytes(), template)).as("already has it").isNull();
        assertThat(AdoptionFiles.gitignore(null, template)).isEqualTo(template);
        assertThat(new String(AdoptionFiles.gitignore("build/".getBytes(), template))).startsWith("build/\n\n#");
    }

    private static Map<String, String> workTree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(".git/")) out.put(rel, Files.readString(p));
            }
        }
        return out;
    }
}
