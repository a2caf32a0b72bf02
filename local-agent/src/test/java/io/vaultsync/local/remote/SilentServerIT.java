package io.vaultsync.local.remote;

import static io.vaultsync.local.remote.Agents.CLOUD;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.servers.SilentServer;
import io.vaultsync.fixtures.vaults.Vaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that accepts the connection and never says a word: every network operation has a time limit
 * (network_timeout), a cycle ends within it as offline, and a running daemon goes on.
 */
class SilentServerIT {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"ssh", "https"})
    void aSilentServerCostsOneTimeoutPerCycleAndTheDaemonStaysUp(String scheme) throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            Vaults v = Vaults.create(root);
            Path vault = v.cloud();
            String url = scheme.equals("ssh") ? "ssh://git@127.0.0.1:" + silent.port() + "/srv/vault.git"
                    : "https://127.0.0.1:" + silent.port() + "/git/vault.git";
            CGit.run(vault, "config", "remote.origin.url", url);
            Files.writeString(vault.resolve(".git/vaultsync/agent.yaml"), "network_timeout: \"2s\"\n", StandardOpenOption.APPEND);
            Agents vm = new Agents(root.resolve("home"));
            Files.createDirectories(vm.home().resolve(".ssh"));

            long t0 = System.nanoTime();
            JavaProcess.Result r = vm.run(CLOUD, "sync", "--vault", vault.toString());
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.UNREACHABLE);
            // the cycle fetches once (failing fast ends it): a few timeouts at most, not a hang
            assertThat(seconds).as("sync against a silent server took %d s", seconds).isLessThan(30);
            assertThat(silent.accepted()).isPositive();

            Path log = root.resolve("run.log");
            Process run = vm.start(log, CLOUD, "run", "--vault", vault.toString(), "--interval", "200ms");
            try {
                int before = silent.accepted();
                Await.until("the daemon's cycles reach the silent server again and again", Duration.ofSeconds(60),
                        () -> silent.accepted() >= before + 2);
                assertThat(run.isAlive()).as(Files.readString(log)).isTrue();
            } finally {
                run.destroy();
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(run.exitValue()).isZero();
        }
    }
}
