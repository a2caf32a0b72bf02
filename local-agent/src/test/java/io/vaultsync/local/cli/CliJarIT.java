package io.vaultsync.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.JavaProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shaded jars as a user runs them: version, help, the other role's commands, completion in bash, man pages. */
class CliJarIT {
    private static final Path LOCAL = JavaProcess.jar("vaultsync.localJar");
    private static final Path CLOUD = JavaProcess.jar("vaultsync.cloudJar");

    private static Properties built() throws IOException {
        Properties p = new Properties();
        try (InputStream in = CliJarIT.class.getResourceAsStream("/io/vaultsync/cli/version.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void versionShowsTheProjectVersionAndTheCommit() throws IOException {
        Properties p = built();
        String commit = p.getProperty("commit");
        String expected = "vaultsync " + p.getProperty("version") + " (commit "
                + (commit.startsWith("${") ? "unknown" : commit);
        for (Path jar : List.of(LOCAL, CLOUD)) {
            JavaProcess.Result r = JavaProcess.run(jar, "--version");
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.stdout()).startsWith(expected).doesNotContain("dev");
        }
        assertThat(p.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpWithoutRequiredOptionsAndTheOtherRolesCommands() {
        JavaProcess.Result status = JavaProcess.run(CLOUD, "status", "--help");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.stdout()).contains("Usage: cloud-agent status");
        JavaProcess.Result sync = JavaProcess.run(LOCAL, "sync", "--vault", "x", "--help");
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        JavaProcess.Result approve = JavaProcess.run(CLOUD, "approve", "--help");
        assertThat(approve.exitCode()).isEqualTo(2);
        assertThat(approve.stderr()).contains("approve is a local-agent command");
        assertThat(approve.stdout()).isEmpty();
    }

    @Test
    void theCompletionScriptLoadsInBash() {
        for (Path jar : List.of(LOCAL, CLOUD)) {
            String name = jar.getFileName().toString().replace(".jar", "");
            String java = JavaProcess.command(jar, "completion").stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
            JavaProcess.Result r = JavaProcess.run(new ProcessBuilder("bash", "-c",
                    "set -e; source <(" + java + "); complete -p " + name), "bash completion " + name);
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.stdout()).contains("-F _complete_" + name + " " + name);
            assertThat(r.stderr()).isEmpty();
        }
    }

    @Test
    void manPagesAreBuiltNextToTheJars() {
        for (String page : List.of("local-agent.1", "local-agent-sync.1", "local-agent-approve.1", "local-agent-status.1")) {
            assertThat(LOCAL.resolveSibling("man/man1/" + page)).isRegularFile();
        }
        assertThat(LOCAL.resolveSibling("man/adoc/local-agent-run.adoc")).isRegularFile();
        assertThat(CLOUD.resolveSibling("man/man1/cloud-agent-run.1")).isRegularFile();
        assertThat(CLOUD.resolveSibling("man/man1/cloud-agent-approve.1")).doesNotExist();
        assertThat(Files.isRegularFile(CLOUD.resolveSibling("man/adoc/cloud-agent.adoc"))).isTrue();
    }
}
