package io.vaultsync.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * File names are UTF-8 in the vault, whatever the machine's locale: a JVM started under the POSIX locale
 * (many VMs, a bare cron or supervisor environment) cannot even name {@code café.md}, and Java takes the
 * file-name encoding from the locale only ({@code -Dsun.jnu.encoding} is ignored). So when the JVM's
 * file-name encoding is not UTF-8, the agent runs itself again, once, with {@code LC_ALL=C.UTF-8}, passes
 * stdin/stdout/stderr and SIGTERM through, and exits with the child's code.
 */
final class Utf8Relaunch {
    static final String MARK = "VAULTSYNC_UTF8_RELAUNCHED";

    private Utf8Relaunch() {}

    /** Whether this JVM must be started again: its file-name encoding is not UTF-8 and it is not the relaunch. */
    static boolean needed(String jnuEncoding, Map<String, String> env) {
        if (env.containsKey(MARK)) return false;
        return jnuEncoding == null || !(jnuEncoding.equalsIgnoreCase("UTF-8") || jnuEncoding.equalsIgnoreCase("UTF8"));
    }

    /** The child's exit code, or empty when this JVM can name UTF-8 files itself (or cannot be relaunched). */
    static Optional<Integer> ifNeeded(Class<?> main, String[] args) {
        if (!needed(System.getProperty("sun.jnu.encoding"), System.getenv())) return Optional.empty();
        Optional<List<String>> cmd = command(main, args);
        if (cmd.isEmpty()) return Optional.empty();
        ProcessBuilder pb = new ProcessBuilder(cmd.get()).inheritIO();
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put(MARK, "1");
        try {
            Process child = pb.start();
            Thread forward = new Thread(() -> {
                child.destroy(); // SIGTERM: the child finishes its cycle in flight, as the agent itself would
                try {
                    Runtime.getRuntime().halt(child.waitFor()); // and this process ends with the child's code
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "utf8-relaunch-stop");
            Runtime.getRuntime().addShutdownHook(forward);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
            return Optional.of(code);
        } catch (IOException e) {
            return Optional.empty(); // go on as we are; a name Java cannot map is reported by the cycle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ExitCodes.FAILURE);
        }
    }

    private static Optional<List<String>> command(Class<?> main, String[] args) {
        try {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path jar = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> cmd = new ArrayList<>();
            cmd.add(java.toString());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.addAll(List.of("-Dfile.encoding=UTF-8", "-cp", jar.toString(), main.getName()));
            cmd.addAll(List.of(args));
            return Optional.of(cmd);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
