package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.progress.ProgressErr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local agent's jar run as a user runs it: with {@code VAULTSYNC_PROGRESS=always} in its environment (and
 * the 2 s threshold lowered by its test property) {@code sync} draws its progress on the process's stderr;
 * without it, its output redirected to files (no terminal), nothing but the summary, and no {@code \r} at all.
 */
class ProgressJarIT {
    @TempDir
    Path root;

    @Test
    void progressOnStderrOnlyWhenAskedFor() throws IOException {
        Path jar = JavaProcess.jar("vaultsync.localJar");
        Path shown = root.resolve("shown");
        Path plain = root.resolve("plain");
        for (Path v : List.of(shown, plain)) {
            Path remote = CGit.initBare(root.resolve(v.getFileName() + ".git"));
            assertThat(run(jar, null, "init", "--vault", v.toString(), "--remote", remote.toString(), "--machine", "m")
                    .exitCode()).isZero();
            for (int i = 0; i < 30; i++) Files.writeString(Files.createDirectories(v.resolve("Done")).resolve(i + ".md"), "x\n");
        }

        JavaProcess.Result p = run(jar, "always", "sync", "--vault", shown.toString());
        assertThat(p.exitCode()).as(p.all()).isZero();
        assertThat(p.stderr()).contains("\rchecking files: ").contains("\rstoring files: ").endsWith("\r");
        assertThat(p.stdout()).doesNotContain("\r").contains("local_agent: synced");

        JavaProcess.Result q = run(jar, null, "sync", "--vault", plain.toString());
        assertThat(q.exitCode()).as(q.all()).isZero();
        assertThat(q.stdout() + q.stderr()).doesNotContain("\r");
        assertThat(q.stdout()).contains("local_agent: synced");
    }

    /** The jar with the threshold at nothing, {@code VAULTSYNC_PROGRESS} set to {@code mode} or unset. */
    private static JavaProcess.Result run(Path jar, String mode, String... args) {
        List<String> cmd = new ArrayList<>(JavaProcess.command(jar, args));
        cmd.add(1, "-D" + ProgressErr.AFTER_PROPERTY + "=PT0S");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(ProgressErr.ENV);
        if (mode != null) pb.environment().put(ProgressErr.ENV, mode);
        return JavaProcess.run(pb, args);
    }
}
