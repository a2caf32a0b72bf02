package io.vaultsync.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.SecretSamples;
import io.vaultsync.fixtures.SecretSamples.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTemplateTest {

    @Test
    void bundledTemplateIsTheShippedFile() throws IOException {
        Path shipped = Path.of("..", "gitignore-templates", "vault.gitignore");

        assertThat(SecretGate.bundledTemplate()).containsExactlyElementsOf(Files.readAllLines(shipped));
    }

    @Test
    void everyTemplateLineIsAValidPattern() {
        SecretGate.withDenylist(SecretGate.bundledTemplate(), 1);
        assertThat(PathDenylist.parse(SecretGate.bundledTemplate()).size()).isGreaterThan(50);
    }

    @Test
    void jgitIgnoresWhatTheGateDenies() throws IOException {
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(Path.of("..", "gitignore-templates", "vault.gitignore"))) {
            node.parse(in);
        }
        for (Sample s : deniedSamples()) {
            assertThat(ignoredByJGit(node, s.path())).as(s.path()).isTrue();
        }
        for (String[] pc : SecretSamples.innocent()) {
            assertThat(ignoredByJGit(node, pc[0])).as(pc[0]).isFalse();
        }
    }

    @Test
    void cGitIgnoresWhatTheGateDenies(@TempDir Path vault) throws IOException {
        CGit.run(vault, "init", "-q");
        Files.copy(Path.of("..", "gitignore-templates", "vault.gitignore"), vault.resolve(".gitignore"));
        for (Sample s : deniedSamples()) {
            assertThat(CGit.tryRun(vault, "check-ignore", "--no-index", "-q", s.path()).exitCode())
                    .as(s.path()).isZero();
        }
        for (String[] pc : SecretSamples.innocent()) {
            assertThat(CGit.tryRun(vault, "check-ignore", "--no-index", "-q", pc[0]).exitCode())
                    .as(pc[0]).isEqualTo(1);
        }
    }

    /** Path-denied samples whose case matches the template (C git on Linux is case-sensitive). */
    private static List<Sample> deniedSamples() {
        return SecretSamples.all().stream()
                .filter(s -> s.expectedRulePrefix().startsWith("deny:"))
                .filter(s -> !s.path().endsWith(".ENV"))
                .toList();
    }

    /** Walks parents as JGit's tree walk does: a denied directory denies everything below it. */
    private static boolean ignoredByJGit(IgnoreNode node, String path) {
        int slash = path.indexOf('/');
        while (slash >= 0) {
            if (Boolean.TRUE.equals(node.checkIgnored(path.substring(0, slash), true))) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return Boolean.TRUE.equals(node.checkIgnored(path, false));
    }
}
