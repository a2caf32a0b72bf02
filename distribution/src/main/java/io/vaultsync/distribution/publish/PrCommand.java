package io.vaultsync.distribution.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the configured pull request command (for example {@code gh pr create --title {title} --body-file
 * {body_file} --head {branch} --base {base}}), each placeholder replaced in its own argument (no shell). The
 * tool holds no token: the command brings its own credentials.
 */
final class PrCommand {
    private static final long TIMEOUT_SECONDS = 120;

    private PrCommand() {
    }

    /** What happened, in one line for the report. */
    static String run(List<String> template, Map<String, String> values, Path dir) {
        List<String> cmd = new ArrayList<>();
        for (String arg : template) {
            String a = arg;
            for (Map.Entry<String, String> v : values.entrySet()) {
                a = a.replace(v.getKey(), v.getValue());
            }
            cmd.add(a);
        }
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return template.get(0) + ": no answer after " + TIMEOUT_SECONDS + "s, stopped";
            }
            String said = new String(out, StandardCharsets.UTF_8).strip();
            String last = said.isEmpty() ? "" : ": " + said.lines().reduce((a, b) -> b).orElse("");
            return template.get(0) + " exited " + p.exitValue() + last;
        } catch (IOException e) {
            return "cannot run " + template.get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return template.get(0) + ": interrupted";
        }
    }
}
