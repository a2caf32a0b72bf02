package io.vaultsync.local.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The exposition checked by Prometheus' own {@code promtool check metrics} (Debian's {@code prometheus} package). */
final class Promtool {
    private Promtool() {}

    static void check(String exposition) throws Exception {
        Path tool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(tool)) {
            System.out.println("promtool check metrics skipped: /usr/bin/promtool is not installed (.ci/run installs it)");
            return;
        }
        Process p = new ProcessBuilder(tool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics: %s", said).isZero();
    }
}
