package io.vaultsync.local.remote;

import static io.vaultsync.local.remote.Agents.CLOUD;
import static io.vaultsync.local.remote.Agents.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.servers.SshGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both jars against a real OpenSSH server on 127.0.0.1, set up as a user sets up a deploy key: the key and
 * known_hosts under {@code $HOME/.ssh}, an alias in {@code ~/.ssh/config}.
 */
class SshRemoteIT {
    @TempDir
    Path root;

    SshGitServer server;
    Path bare;
    Agents desktop;
    Agents vm;

    @BeforeEach
    void start() {
        start(SshGitServer.startWithClassicKex(root.resolve("sshd")));
    }

    /**
     * The server as OpenSSH 9 sets it up, whose first key exchange with JGit is sntrup761x25519 (post-quantum):
     * one test goes through it, the others through {@link SshGitServer#CLASSIC_KEX}, which costs each connection
     * about 0.7 s less.
     */
    void restartWithOpenSshDefaults() {
        server.close();
        start(SshGitServer.start(root.resolve("sshd-defaults")));
    }

    private void start(SshGitServer s) {
        server = s;
        bare = server.createBareRepo("vault");
        desktop = new Agents(root.resolve("desktop-home"));
        vm = new Agents(root.resolve("vm-home"));
        server.installClientFiles(desktop.home());
        server.installClientFiles(vm.home());
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

    /** The local agent seeds over ssh://, the cloud clones over an scp-style URL through the ~/.ssh/config alias. */
    void initBoth() {
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.sshUrl(bare));
        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote",
                server.user() + "@" + SshGitServer.ALIAS + ":" + bare.toAbsolutePath());
    }

    @Test
    void bothAgentsInitAndSyncBothWaysOverSshAndScpStyleUrls() throws Exception {
        restartWithOpenSshDefaults();
        initBoth();
        write(cloud(), "Plans/from-vm.md", "planned on the VM\n");
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        desktop.ok(LOCAL, "sync", "--vault", local().toString());
        assertThat(Files.readString(local().resolve("Plans/from-vm.md"))).isEqualTo("planned on the VM\n");

        write(local(), "Done/from-desktop.md", "done on the desktop\n");
        desktop.ok(LOCAL, "sync", "--vault", local().toString());
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(Files.readString(cloud().resolve("Done/from-desktop.md"))).isEqualTo("done on the desktop\n");
        assertThat(RemoteTree.files(bare, "main")).containsKeys("Plans/from-vm.md", "Done/from-desktop.md");
        CGit.assertFsckStrict(bare);
    }

    @Test
    void theSystemSshIsUsedWhenGitSshCommandAsksForIt() throws Exception {
        initBoth();
        // a wrapper that records it ran, then runs OpenSSH with the same files
        Path mark = root.resolve("external-ssh-ran");
        vm.env("GIT_SSH_COMMAND", "touch '" + mark + "'; " + SshGitServer.sshCommand(vm.home()));
        write(cloud(), "Plans/external.md", "through the system ssh\n");
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(mark).exists();
        assertThat(RemoteTree.files(bare, "main")).containsKey("Plans/external.md");

        // its failures are transport failures like any other: OpenSSH refusing an unknown host key
        Files.writeString(vm.home().resolve(".ssh/known_hosts"), "");
        write(cloud(), "Plans/external-2.md", "x\n");
        JavaProcess.Result refused = vm.run(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.SERVER_UNTRUSTED);
    }

    @Test
    void theKeyAndKnownHostsNamedAtInitAreUsedWithoutAnyHomeSsh() throws Exception {
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.sshUrl(bare));
        Path keys = Files.createDirectories(root.resolve("deploy-keys"));
        Path key = Files.copy(vm.home().resolve(".ssh/id_ed25519"), keys.resolve("vault_deploy"));
        Path knownHosts = Files.copy(vm.home().resolve(".ssh/known_hosts"), keys.resolve("known_hosts"));
        org.apache.commons.io.file.PathUtils.deleteDirectory(vm.home().resolve(".ssh"));

        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.sshUrl(bare), "--ssh-key", key.toString(),
                "--known-hosts", knownHosts.toString());
        assertThat(Files.readString(cloud().resolve(".git/vaultsync/agent.yaml"))).contains("ssh_key: \"" + key + "\"")
                .contains("known_hosts: \"" + knownHosts + "\"");
        write(cloud(), "Plans/deploy-key.md", "x\n");
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(RemoteTree.files(bare, "main")).containsKey("Plans/deploy-key.md");
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintItsOwnExitCodeAndNothingCreated() throws Exception {
        Files.writeString(desktop.home().resolve(".ssh/known_hosts"), "");
        JavaProcess.Result r = desktop.run(LOCAL, "init", "--vault", local().toString(), "--remote", server.sshUrl(bare));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.SERVER_UNTRUSTED);
        assertThat(r.stderr()).contains("unknown").contains(server.hostKeyFingerprint()).contains("ssh-keyscan -p " + server.port());
        assertThat(local()).doesNotExist();
        assertThat(RemoteTree.head(bare, "main")).isNull();
    }

    @Test
    void aChangedHostKeyIsRefusedAndNamedAsChanged() throws Exception {
        initBoth();
        server.regenerateHostKey();
        write(cloud(), "Plans/after-change.md", "x\n");
        JavaProcess.Result r = vm.run(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.SERVER_UNTRUSTED);
        assertThat(r.all()).contains("CHANGED").contains(server.hostKeyFingerprint());
        assertThat(RemoteTree.files(bare, "main")).doesNotContainKey("Plans/after-change.md");
        Map<String, Object> status = vm.statusJson(CLOUD, cloud());
        assertThat(String.valueOf(status.get("transportError"))).contains("SERVER_UNTRUSTED");
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailureNotUnreachable() throws Exception {
        Path key = desktop.home().resolve(".ssh/id_ed25519");
        Files.delete(key);
        Files.delete(desktop.home().resolve(".ssh/id_ed25519.pub"));
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        JavaProcess.Result r = desktop.run(LOCAL, "init", "--vault", local().toString(), "--remote", server.sshUrl(bare));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(r.stderr()).contains("refused the credentials");
    }

    @Test
    void withTheServerDownTheDaemonStaysUpSaysOfflineAndSendsEverythingOnceItIsBack() throws Exception {
        initBoth();
        Path log = root.resolve("run.log");
        Process run = vm.start(log, CLOUD, "run", "--vault", cloud().toString(), "--interval", "300ms", "--debounce", "200ms");
        try {
            write(cloud(), "Plans/before.md", "before\n");
            Await.until("the first write on the remote", Duration.ofSeconds(60),
                    () -> RemoteTree.files(bare, "main").containsKey("Plans/before.md"));
            server.stop();
            write(cloud(), "Plans/while-down.md", "written while the server was down\n");
            try {
                Await.until("status says offline", Duration.ofSeconds(60), () -> String.valueOf(
                        vm.statusJson(CLOUD, cloud()).get("transportError")).contains("UNREACHABLE"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the daemon's log:\n" + Agents.read(log), e);
            }
            assertThat(run.isAlive()).as("daemon alive while the server is down").isTrue();
            server.restart();
            Await.until("the work done while down on the remote", Duration.ofSeconds(90),
                    () -> RemoteTree.files(bare, "main").containsKey("Plans/while-down.md"));
            Await.until("status clear again", Duration.ofSeconds(30),
                    () -> vm.statusJson(CLOUD, cloud()).get("transportError") == null);
            assertThat(run.isAlive()).isTrue();
        } finally {
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
    }

    @Test
    void doctorPassesWhenHealthyAndNamesTheHostKeyOrTheDownServerWithTheFix() throws Exception {
        initBoth();
        JavaProcess.Result healthy = vm.run(CLOUD, "doctor", "--vault", cloud().toString());
        assertThat(healthy.exitCode()).as(healthy.all()).isZero();
        assertThat(healthy.stdout()).doesNotContain("fail");

        Path knownHosts = vm.home().resolve(".ssh/known_hosts");
        String trusted = Files.readString(knownHosts);
        Files.writeString(knownHosts, "");
        JavaProcess.Result unknown = vm.run(CLOUD, "doctor", "--vault", cloud().toString());
        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(unknown.stdout()).containsPattern("fail\\s+host key").contains(server.hostKeyFingerprint())
                .contains("ssh-keyscan -p " + server.port());
        Files.writeString(knownHosts, trusted);

        server.regenerateHostKey();
        JavaProcess.Result hostKey = vm.run(CLOUD, "doctor", "--vault", cloud().toString());
        assertThat(hostKey.exitCode()).as(hostKey.all()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(hostKey.stdout()).containsPattern("fail\\s+host key").contains(server.hostKeyFingerprint())
                .contains("ssh-keygen -R");

        server.stop();
        JavaProcess.Result down = vm.run(CLOUD, "doctor", "--vault", cloud().toString());
        assertThat(down.exitCode()).as(down.all()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(down.stdout()).containsPattern("fail\\s+remote reachable");
    }

    @Test
    void aKeyWithAPassphraseWorksFromAPassphraseFileOrTheSshAgentAndFailsAsAuthenticationWithoutEither() throws Exception {
        Path key = vm.home().resolve(".ssh/id_ed25519");
        run(List.of("ssh-keygen", "-q", "-p", "-P", "", "-N", "Secret-Passphrase-1", "-f", key.toString()), Map.of());
        desktop.ok(LOCAL, "init", "--vault", local().toString(), "--remote", server.sshUrl(bare));

        JavaProcess.Result none = vm.run(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.sshUrl(bare));
        assertThat(none.exitCode()).as(none.all()).isEqualTo(ExitCodes.AUTH_REFUSED);

        Path pass = root.resolve("passphrase");
        Files.writeString(pass, "Secret-Passphrase-1\n");
        vm.ok(CLOUD, "init", "--vault", cloud().toString(), "--remote", server.sshUrl(bare), "--ssh-passphrase-file",
                pass.toString());
        write(cloud(), "Plans/with-passphrase.md", "x\n");
        vm.ok(CLOUD, "sync", "--vault", cloud().toString());
        assertThat(RemoteTree.files(bare, "main")).containsKey("Plans/with-passphrase.md");

        // the same key through an ssh-agent that holds it, no passphrase file
        Path sock = root.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("agent.log").toFile()).start();
        try {
            Await.until("the ssh-agent's socket", Duration.ofSeconds(10), () -> Files.exists(sock));
            Path askpass = root.resolve("askpass.sh");
            Files.writeString(askpass, "#!/bin/sh\necho Secret-Passphrase-1\n");
            askpass.toFile().setExecutable(true);
            run(List.of("ssh-add", key.toString()), Map.of("SSH_AUTH_SOCK", sock.toString(), "SSH_ASKPASS", askpass.toString(),
                    "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0"));
            Path cloud2 = root.resolve("cloud2");
            vm.env("SSH_AUTH_SOCK", sock.toString());
            vm.ok(CLOUD, "init", "--vault", cloud2.toString(), "--remote", server.sshUrl(bare), "--agent", "cloud_agent");
            write(cloud2, "Plans/through-the-agent.md", "x\n");
            vm.ok(CLOUD, "sync", "--vault", cloud2.toString());
            assertThat(RemoteTree.files(bare, "main")).containsKey("Plans/through-the-agent.md");
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(vm.allOutput()).doesNotContain("Secret-Passphrase-1");
    }

    static void run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
    }

    static void write(Path vault, String path, String content) throws Exception {
        Path f = vault.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
    }
}
