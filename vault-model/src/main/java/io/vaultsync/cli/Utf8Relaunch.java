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
 * stdin/stdout/stderr and SIGTERM through, and exits with the child's code. The child stops as on SIGTERM
 * when the first JVM is gone (a {@code kill -9} of the process a supervisor started), so a restarted agent
 * never meets the old one still at work.
 */
final class Utf8Relaunch {
    /** Set in the relaunched JVM's environment: the pid of the JVM that started it. */
    static final String MARK = "VAULTSYNC_UTF8_RELAUNCHED";
    /** The status a JVM ends with on SIGTERM (128 + 15). */
    private static final int AS_ON_SIGTERM = 143;

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
        pb.environment().put(MARK, Long.toString(ProcessHandle.current().pid()));
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

    /**
     * In the relaunched JVM: when the JVM that started it ends without passing a signal on (it was killed),
     * this one exits as on SIGTERM (its shutdown hooks let the cycle in flight finish). Nothing elsewhere.
     */
    static void followParent(Map<String, String> env) {
        String mark = env.get(MARK);
        if (mark == null) return;
        long parent;
        try {
            parent = Long.parseLong(mark);
        } catch (NumberFormatException e) {
            return; // not set by us
        }
        Optional<ProcessHandle> h = ProcessHandle.of(parent);
        if (h.isEmpty()) {
            System.exit(AS_ON_SIGTERM);
            return;
        }
        h.get().onExit().thenRun(() -> System.exit(AS_ON_SIGTERM));
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
