package io.vaultsync.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Children in a process group of their own, and stopping such a group. A command is started through
 * {@code setsid} (util-linux, Essential on Debian): it then leads a new session and process group, so it
 * neither dies with the agent (a {@code kill -9} of the agent, a Ctrl-C in its terminal) nor escapes a
 * time-limit stop by leaving grandchildren behind. {@code setsid} without {@code --fork} executes the
 * command in place when it is not a group leader, which a child of the JVM never is: the child's pid is
 * the command's pid and its group id ({@code --wait} only matters if it ever had to fork). Where
 * {@code setsid} is missing the command starts plainly, in the agent's group, and the log says so once.
 */
public final class ProcessGroups {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);
    /** How long a group has to end after SIGTERM before SIGKILL. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private ProcessGroups() {}

    /** {@code setsid}, looked for once per JVM (a holder class: found when first needed, never changed). */
    private static final class Setsid {
        static final Optional<Path> PATH = find();

        private static Optional<Path> find() {
            if (!Files.isReadable(ProcessIdentity.PROC.resolve("self/stat"))) {
                LOG.info("no /proc (not Linux): commands start in the agent's process group and are not watched across restarts");
                return Optional.empty();
            }
            for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
                Path f = Path.of(p);
                if (Files.isRegularFile(f) && Files.isExecutable(f)) return Optional.of(f);
            }
            LOG.warn("setsid (util-linux) not found in /usr/bin or /bin: commands start in the agent's process group;"
                    + " a stop at the time limit reaches their descendants only, and a kill of the agent may reach them too");
            return Optional.empty();
        }
    }

    /** Whether commands get a process group of their own here. */
    public static boolean available() {
        return Setsid.PATH.isPresent();
    }

    /** The command line that starts {@code argv} in a group of its own, or {@code argv} itself without setsid. */
    static List<String> launch(List<String> argv) {
        if (Setsid.PATH.isEmpty()) return argv;
        List<String> out = new ArrayList<>(List.of(Setsid.PATH.get().toString(), "--wait", "--"));
        out.addAll(argv);
        return out;
    }

    /**
     * Stops a process with everything it started, and returns when they are gone (or the waits are over):
     * SIGTERM, then SIGKILL to whatever is left after {@code grace}. A process that leads its own group takes
     * its whole group with it (grandchildren whose parent already exited included); any other process takes
     * its descendants. Nothing happens when the process is not the one identified (its pid was reused).
     */
    public static void stop(ProcessIdentity who, Duration grace) throws InterruptedException {
        Optional<ProcessHandle> leader = ProcessHandle.of(who.pid()).filter(h -> who.alive());
        if (leader.isEmpty() && !groupIsItsOwn(who)) return;
        List<ProcessHandle> descendants = leader.map(h -> h.descendants().toList()).orElse(List.of());
        Supplier<List<ProcessHandle>> left = () -> {
            List<ProcessHandle> l = new ArrayList<>(groupIsItsOwn(who) ? members(who.pgid()) : List.of());
            leader.filter(h -> running(h.pid())).ifPresent(l::add);
            descendants.stream().filter(h -> running(h.pid())).forEach(l::add);
            return l;
        };
        left.get().forEach(ProcessHandle::destroy);
        if (awaitGone(left, grace)) return;
        LOG.info("process group {} still there {} after SIGTERM: SIGKILL", who.pgid(), grace);
        left.get().forEach(ProcessHandle::destroyForcibly);
        awaitGone(left, AFTER_KILL);
    }

    /**
     * Whether the group {@code who} led is still that one: a group id stays taken while any member lives, so
     * it is unless another process now has the leader's pid (the old group emptied, the pid was reused).
     */
    private static boolean groupIsItsOwn(ProcessIdentity who) {
        if (!who.ownGroup() || !who.bootId().equals(ProcessIdentity.currentBoot())) return false;
        Optional<ProcessIdentity.Stat> now = ProcessIdentity.stat(who.pid());
        return now.isEmpty() || now.get().startTicks() == who.startTicks();
    }

    /** The running (not zombie) processes of a group. */
    static List<ProcessHandle> members(long pgid) {
        try (Stream<Path> procs = Files.list(ProcessIdentity.PROC)) {
            List<ProcessHandle> out = new ArrayList<>();
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                ProcessIdentity.stat(pid).filter(s -> s.pgrp() == pgid && s.running())
                        .flatMap(s -> ProcessHandle.of(pid)).ifPresent(out::add);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static boolean running(long pid) {
        return ProcessIdentity.stat(pid).filter(ProcessIdentity.Stat::running).isPresent();
    }

    /** Waits (polling, up to {@code limit}) until nothing is left; whether that happened. */
    private static boolean awaitGone(Supplier<List<ProcessHandle>> left, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!left.get().isEmpty()) {
            if (System.nanoTime() - deadline > 0) return false;
            Thread.sleep(20);
        }
        return true;
    }
}
