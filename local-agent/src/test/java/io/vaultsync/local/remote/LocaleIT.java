package io.vaultsync.local.remote;

import static io.vaultsync.local.remote.Agents.CLOUD;
import static io.vaultsync.local.remote.Agents.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.Await;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the POSIX locale (a bare VM, a supervisor without LANG) Java cannot name {@code café.md}; the agents
 * do not depend on it: a non-ASCII name syncs both ways.
 */
class LocaleIT {
    @TempDir
    Path root;

    @Test
    void nonAsciiFileNamesSyncUnderThePosixLocale() throws Exception {
        Path bare = CGit.initBare(root.resolve("remote.git"));
        Agents posix = new Agents(root.resolve("home")).env("LC_ALL", "C").env("LANG", "C");
        posix.ok(LOCAL, "init", "--vault", root.resolve("local").toString(), "--remote", bare.toString());
        posix.ok(CLOUD, "init", "--vault", root.resolve("cloud").toString(), "--remote", bare.toString());
        Path plan = root.resolve("cloud/Plans/café – résumé ✓.md");
        Files.writeString(plan, "é\n");

        posix.ok(CLOUD, "sync", "--vault", root.resolve("cloud").toString());
        posix.ok(LOCAL, "sync", "--vault", root.resolve("local").toString());

        assertThat(RemoteTree.files(bare, "main")).containsKey("Plans/café – résumé ✓.md");
        assertThat(root.resolve("local/Plans/café – résumé ✓.md")).hasContent("é");
    }

    @Test
    void theRelaunchedAgentStopsWhenTheProcessItsSupervisorStartedIsKilled() throws Exception {
        Path bare = CGit.initBare(root.resolve("remote.git"));
        Agents posix = new Agents(root.resolve("home")).env("LC_ALL", "C").env("LANG", "C");
        posix.ok(CLOUD, "init", "--vault", root.resolve("cloud").toString(), "--remote", bare.toString());
        Path log = root.resolve("run.log");
        Process outer = posix.start(log, CLOUD, "run", "--vault", root.resolve("cloud").toString(), "--interval", "1s");
        List<ProcessHandle> started = new ArrayList<>();
        try {
            Await.until("the agent relaunched under C.UTF-8 and running", Duration.ofSeconds(60),
                    () -> outer.descendants().anyMatch(ProcessHandle::isAlive) && Agents.read(log).contains("running on"));
            ProcessHandle inner = outer.descendants().filter(ProcessHandle::isAlive).findFirst().orElseThrow();
            started.add(inner);

            outer.destroyForcibly(); // kill -9 of the JVM the supervisor knows

            Await.until("the relaunched agent stopped with it", Duration.ofSeconds(60), () -> !inner.isAlive());
            // and its vault lock is free: a restarted agent runs
            posix.ok(CLOUD, "sync", "--vault", root.resolve("cloud").toString());
        } finally {
            started.forEach(ProcessHandle::destroyForcibly); // an orphan, if the test failed
            outer.destroyForcibly();
        }
    }
}
