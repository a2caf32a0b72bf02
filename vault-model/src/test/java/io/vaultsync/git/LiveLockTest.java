package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.MutableClock;
import io.vaultsync.sync.TestVaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A person's {@code git commit -a} holds {@code index.lock} while its editor is open: recovery leaves a live
 * lock alone however old it is, and removes it once no git process works in the repository.
 */
class LiveLockTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "age {0}s, git {1} -> {2}")
    @CsvSource({"1, running, WAIT", "1, none, WAIT", "6, running, LEAVE", "6, unknown, LEAVE", "6, none, REMOVE",
            "599, running, LEAVE", "600, running, REMOVE", "600, unknown, REMOVE"})
    void decision(long ageSeconds, String git, LockDecision expected) {
        GitProcesses.Seen seen = switch (git) {
            case "running" -> new GitProcesses.Seen.Running(42);
            case "none" -> new GitProcesses.Seen.None();
            default -> new GitProcesses.Seen.Unknown();
        };
        assertThat(LockDecision.of(Duration.ofSeconds(ageSeconds), Duration.ofSeconds(5), Duration.ofMinutes(10), seen))
                .isEqualTo(expected);
    }

    /** {@code git commit -a} in the cloud clone, waiting in its editor: it holds {@code index.lock} meanwhile. */
    private Process commitWaitingForItsEditor(TestVaults v) throws Exception {
        TestVaults.write(v.cloud(), "Dashboard.md", "edited by the person\n"); // a tracked file: commit -a has work
        return new ProcessBuilder("git", "-c", "user.name=Human", "-c", "user.email=h@example.invalid",
                "-c", "core.editor=sleep 60; :", "commit", "-a").directory(v.cloud().toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("commit.log").toFile()).start();
    }

    /**
     * git first, with SIGKILL: its lock is left behind, as after a crash (killing the editor first lets git see
     * it fail and remove its own lock, as CI showed).
     */
    private static void killLeavingItsLock(Process commit) throws InterruptedException {
        List<ProcessHandle> editor = commit.descendants().toList();
        commit.destroyForcibly();
        assertThat(commit.waitFor(30, TimeUnit.SECONDS)).isTrue();
        editor.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aLockOlderThanTheAgentsLockMaxAgeIsRemovedEvenWhileGitWorks() throws Exception {
        TestVaults v = TestVaults.create(root);
        Process commit = commitWaitingForItsEditor(v);
        Path lock = v.cloud().resolve(".git/index.lock");
        try {
            Await.until("git commit -a holding index.lock", Duration.ofSeconds(30), () -> Files.exists(lock));
            MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofMinutes(2))); // the lock looks 2 min old
            List<String> done = new ArrayList<>();
            assertThatThrownBy(() -> new Recovery(Duration.ofSeconds(5), clock).clearStaleLocks(v.cloud().resolve(".git"), done))
                    .as("the default: 10 minutes").isInstanceOf(VaultStateException.class).hasMessageContaining("lock_max_age");
            AgentSettings shorter = v.cloudAgent().withLockMaxAge(Duration.ofMinutes(1));
            new Recovery(Duration.ofSeconds(5), shorter.lockMaxAge(), clock).clearStaleLocks(v.cloud().resolve(".git"), done);
            assertThat(done).containsExactly("removed stale lock index.lock");
            assertThat(lock).doesNotExist();
        } finally {
            killLeavingItsLock(commit);
        }
    }

    @Test
    void theLockOfAGitCommitWaitingForItsEditorSurvivesRecoveryAndGoesOnceGitIsGone() throws Exception {
        TestVaults v = TestVaults.create(root);
        Process commit = commitWaitingForItsEditor(v);
        Path lock = v.cloud().resolve(".git/index.lock");
        try {
            Await.until("git commit -a holding index.lock", Duration.ofSeconds(30), () -> Files.exists(lock));
            MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofMinutes(2))); // the lock looks 2 min old
            Recovery recovery = new Recovery(Duration.ofSeconds(5), clock);
            List<String> done = new ArrayList<>();
            assertThatThrownBy(() -> recovery.clearStaleLocks(v.cloud().resolve(".git"), done))
                    .isInstanceOf(VaultStateException.class).hasMessageContaining("index.lock")
                    .hasMessageContaining("a git process (pid ");
            assertThat(lock).exists();
            assertThat(done).isEmpty();
        } finally {
            killLeavingItsLock(commit);
        }
        Await.until("no git process in the vault", Duration.ofSeconds(30),
                () -> !(GitProcesses.in(v.cloud(), v.cloud().resolve(".git")) instanceof GitProcesses.Seen.Running));
        assertThat(lock).exists();
        List<String> done = new ArrayList<>();
        new Recovery(Duration.ofSeconds(5), new MutableClock(Instant.now().plus(Duration.ofMinutes(2))))
                .clearStaleLocks(v.cloud().resolve(".git"), done);
        assertThat(done).containsExactly("removed stale lock index.lock");
        assertThat(lock).doesNotExist();
    }
}
