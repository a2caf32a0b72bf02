package io.vaultsync.local.remote;

import static io.vaultsync.local.remote.Agents.CLOUD;
import static io.vaultsync.local.remote.Agents.LOCAL;
import static io.vaultsync.local.remote.SshRemoteIT.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.servers.HttpsGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both jars against nginx + fcgiwrap + C git's http-backend on 127.0.0.1, with basic auth and TLS from a
 * CA the test made: git's credential store and http.sslCAInfo, a token file rotated under a running agent,
 * a password given in the URL that must never show up anywhere.
 */
class HttpsRemoteIT {
    static final String USER = "vault-user";
    static final String PASSWORD = "Pw-7f3c9a1e-never-shown";

    @TempDir
    Path root;

    HttpsGitServer server;
    Agents desktop;
    Agents vm;

    @BeforeEach
    void start() throws Exception {
        server = HttpsGitServer.start(root.resolve("https"), USER, PASSWORD);
        server.createBareRepo("vault");
        desktop = new Agents(root.resolve("desktop-home"));
        vm = new Agents(root.resolve("vm-home"));
        for (Agents a : new Agents[] {desktop, vm}) {
            // the CA as a git user gives it: http.sslCAInfo in ~/.gitconfig
            Files.writeString(a.home().resolve(".gitconfig"), "[http]\n\tsslCAInfo = " + server.caCert() + "\n");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Path local() {
        return root.resolve("local");
    }

    Path cloud() {
        return root.resolve("cloud");
    }

    Path bare() {
        return root.resolve("https/repos/vault.git");
    }

    @Test
    void bothAgentsSyncWithTheCaFromSslCaInfoAndThePasswordFromGitsCredentialStore() throws Exception {
        for (Agents a : new Agents[] {desktop, vm}) {
            Files.writeString(a.home().resolve(".gitconfig"), "[credential]\n\thelper = store\n", java.nio.file.StandardOpenOption.APPEND);
            Path store = a.home().resolve(".git-credentials");
            Files.writeString(store, "https://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "\n");
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        }
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.httpsUrl("vault"));
        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.httpsUrl("vault"));

        write(cloud(), "Plans/over-https.md", "drafted on the VM\n");
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        desktop.ok(LOCAL, "sync", "--vault", local().toString());
        assertThat(local().resolve("Plans/over-https.md")).hasContent("drafted on the VM");
        write(local(), "Done/back.md", "done\n");
        desktop.ok(LOCAL, "sync", "--vault", local().toString());
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(cloud().resolve("Done/back.md")).hasContent("done");
        CGit.assertFsckStrict(bare());
    }

    @Test
    void aTokenFileRotatedWhileRunGoesOnIsPickedUpWithoutARestart() throws Exception {
        Path token = root.resolve("token");
        Files.writeString(token, PASSWORD + "\n");
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.httpsUrl("vault"), "--username", USER,
                "--token-file", token.toString());
        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.httpsUrl("vault"), "--username", USER,
                "--token-file", token.toString());
        Path log = root.resolve("run.log");
        Process run = vm.start(log, CLOUD, "run", "--vault", cloud().toString(), "--interval", "300ms", "--debounce", "200ms");
        try {
            write(cloud(), "Plans/one.md", "with the first token\n");
            Await.until("the first write on the remote", Duration.ofSeconds(60),
                    () -> RemoteTree.files(bare(), "main").containsKey("Plans/one.md"));
            String rotated = "Rotated-2c1d-" + System.nanoTime();
            server.setPassword(rotated);
            Files.writeString(token, rotated + "\n");
            write(cloud(), "Plans/two.md", "with the rotated token\n");
            Await.until("the write after the rotation on the remote", Duration.ofSeconds(60),
                    () -> RemoteTree.files(bare(), "main").containsKey("Plans/two.md"));
            assertThat(run.isAlive()).isTrue();
        } finally {
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureAndAWrongPathIsNotFound() throws Exception {
        Path wrong = root.resolve("wrong");
        Files.writeString(wrong, "not-the-password\n");
        JavaProcess.Result auth = desktop.run(LOCAL, "init", "--vault", local().toString(), "--remote", server.httpsUrl("vault"),
                "--username", USER, "--password-file", wrong.toString());
        assertThat(auth.exitCode()).as(auth.all()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(local()).doesNotExist();

        Path right = root.resolve("right");
        Files.writeString(right, PASSWORD + "\n");
        JavaProcess.Result missing = desktop.run(LOCAL, "init", "--vault", local().toString(), "--remote",
                server.httpsUrl("no-such-vault"), "--username", USER, "--password-file", right.toString());
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void withoutTheCaTheServerIsNotTrusted() throws Exception {
        Files.delete(desktop.home().resolve(".gitconfig"));
        Path right = root.resolve("right");
        Files.writeString(right, PASSWORD + "\n");
        JavaProcess.Result r = desktop.run(LOCAL, "init", "--vault", local().toString(), "--remote", server.httpsUrl("vault"),
                "--username", USER, "--password-file", right.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.SERVER_UNTRUSTED);
        assertThat(r.stderr()).contains("http.sslCAInfo");
    }

    @Test
    void aPasswordGivenInTheUrlWorksAndAppearsInNoOutputLogConfigSettingsJournalOrCard() throws Exception {
        JavaProcess.Result init = desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote",
                server.httpsUrlWithPassword("vault"));
        assertThat(init.stdout()).contains("password").contains("0600").doesNotContain(PASSWORD);
        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.httpsUrlWithPassword("vault"));
        Path pwFile = local().resolve(".git/vaultsync/password");
        assertThat(Files.getPosixFilePermissions(pwFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        write(cloud(), "Plans/p.md", "over https with the password from the URL\n");
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        desktop.ok(LOCAL, "sync", "--vault", local().toString());
        assertThat(local().resolve("Plans/p.md")).exists();
        desktop.ok(LOCAL, "status", "--vault", local().toString());
        desktop.ok(LOCAL, "status", "--vault", local().toString(), "--json");
        desktop.ok(LOCAL, "log", "--vault", local().toString());

        // a cycle while the server is down, in the daemon and by hand: the offline lines name the remote
        server.stop();
        write(cloud(), "Plans/offline.md", "x\n");
        JavaProcess.Result offline = vm.run(CLOUD, "sync", "--vault", cloud().toString(), "--verbose");
        assertThat(offline.exitCode()).as(offline.all()).isEqualTo(ExitCodes.UNREACHABLE);
        Path log = root.resolve("run.log");
        Process run = vm.start(log, CLOUD, "run", "--vault", cloud().toString(), "--interval", "200ms", "--verbose");
        try {
            Await.until("an offline cycle in the daemon's log", Duration.ofSeconds(60),
                    () -> Agents.read(log).contains("offline"));
        } finally {
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        vm.ok(CLOUD, "status", "--vault", cloud().toString());
        String status = vm.ok(CLOUD, "status", "--vault", cloud().toString(), "--json").stdout();
        assertThat(status).contains("transportError").contains("127.0.0.1");

        assertThat(desktop.allOutput() + vm.allOutput() + Files.readString(log)).doesNotContain(PASSWORD);
        assertThat(Files.readString(local().resolve(".git/config"))).doesNotContain(PASSWORD).doesNotContain(USER + ":");
        assertThat(Agents.filesContaining(local(), PASSWORD, pwFile)).isEmpty();
        assertThat(Agents.filesContaining(cloud(), PASSWORD, cloud().resolve(".git/vaultsync/password"))).isEmpty();
        assertThat(Agents.filesContaining(bare(), PASSWORD, null)).isEmpty();
    }

    @Test
    void withTheServerDownTheDaemonStaysUpAndCatchesUpWhenItIsBack() throws Exception {
        Path token = root.resolve("token");
        Files.writeString(token, PASSWORD);
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.httpsUrl("vault"), "--username", USER,
                "--token-file", token.toString());
        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.httpsUrl("vault"), "--username", USER,
                "--token-file", token.toString());
        Path log = root.resolve("run.log");
        Process run = vm.start(log, CLOUD, "run", "--vault", cloud().toString(), "--interval", "300ms", "--debounce", "200ms");
        try {
            server.stop();
            write(cloud(), "Plans/while-down.md", "x\n");
            Await.until("status says offline", Duration.ofSeconds(60), () -> String.valueOf(
                    vm.statusJson(CLOUD, cloud()).get("transportError")).contains("UNREACHABLE"));
            assertThat(run.isAlive()).isTrue();
            server.restart();
            Await.until("the work done while down on the remote", Duration.ofSeconds(90),
                    () -> RemoteTree.files(bare(), "main").containsKey("Plans/while-down.md"));
        } finally {
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(run.exitValue()).isZero();
    }

    @Test
    void doctorNamesAWrongPasswordWithItsFix() throws Exception {
        Path token = root.resolve("token");
        Files.writeString(token, PASSWORD);
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.httpsUrl("vault"), "--username", USER,
                "--token-file", token.toString());
        assertThat(desktop.run(LOCAL, "doctor", "--vault", local().toString()).exitCode()).isZero();
        Files.writeString(token, "wrong");
        JavaProcess.Result r = desktop.run(LOCAL, "doctor", "--vault", local().toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(r.stdout()).containsPattern("fail\\s+authentication").contains("token_file");
    }
}
