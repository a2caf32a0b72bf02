package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.fixtures.SyncWorld;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.fixtures.servers.SshGitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code distribute} reaches a downstream over SSH as the agents do: a registry URL with a host
 * alias from {@code ~/.ssh/config}, the key and known hosts under {@code $HOME/.ssh} (a real OpenSSH sshd on
 * 127.0.0.1), and a host it does not know is refused, with nothing pushed.
 */
class DownstreamOverSshIT {
    private static final Path JAR = Path.of(System.getProperty("vaultsync.distributeJar", "target/distribute.jar"));

    @TempDir
    Path root;
    SshGitServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void publishPushesTheSyncBranchOverSshWithTheKeysAndAliasFromHome() throws Exception {
        SyncWorld w = new SyncWorld(root.resolve("world"));
        server = SshGitServer.start(root.resolve("sshd"));
        Path home = Files.createDirectories(root.resolve("home"));
        server.installClientFiles(home);
        registry(w, server.scpUrl(w.remote));

        Result r = distribute(home, "publish", "--source", w.source.toString(), "--rule", "copy-docs");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(CGit.run(w.remote, "for-each-ref", "--format=%(refname)")).contains("refs/heads/agent33-sync/v2.4.0/copy-docs");
        assertThat(CGit.run(w.remote, "show", "agent33-sync/v2.4.0/copy-docs:docs/guide.md")).isEqualTo("guide\n");
        CGit.run(w.remote, "fsck", "--strict");
    }

    @Test
    void anUnknownHostKeyIsRefusedAndNothingIsPushed() throws Exception {
        SyncWorld w = new SyncWorld(root.resolve("world"));
        server = SshGitServer.start(root.resolve("sshd"));
        Path home = Files.createDirectories(root.resolve("home"));
        server.installClientFiles(home);
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        registry(w, server.scpUrl(w.remote));
        String refs = CGit.run(w.remote, "for-each-ref");

        Result r = distribute(home, "publish", "--source", w.source.toString(), "--rule", "copy-docs");

        assertThat(r.code()).isEqualTo(14);
        assertThat(r.out()).contains("UNREACHABLE copy-docs -> org/webapp").contains(server.hostKeyFingerprint());
        assertThat(CGit.run(w.remote, "for-each-ref")).isEqualTo(refs);
    }

    private static void registry(SyncWorld w, String url) {
        VaultFiles.write(w.source, "core/orchestrator/distribution/registry.yaml",
                "downstreams:\n  org/webapp:\n    url: \"" + url + "\"\n    branch: main\n");
    }

    private record Result(int code, String out, String err) {}

    private static Result distribute(Path home, String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("distribute did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
