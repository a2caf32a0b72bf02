package io.vaultsync.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a process is, for as long as it lives and no longer: pids are reused, so a process is its pid, its
 * start time in clock ticks since boot ({@code /proc/PID/stat} field 22) and the boot it started in. {@code pgid}
 * is its process group; {@link #ownGroup()} when it leads one (it was started through {@code setsid}), so the
 * whole group can be stopped. Read from {@code /proc} (Linux); elsewhere there is none.
 */
public record ProcessIdentity(String bootId, long pid, long pgid, long startTicks) {
    static final Path PROC = Path.of("/proc");

    public ProcessIdentity {
        if (bootId == null) throw new IllegalArgumentException("bootId is null");
        if (pid <= 0 || pgid <= 0) throw new IllegalArgumentException("pid and pgid must be positive");
    }

    public boolean ownGroup() {
        return pgid == pid;
    }

    /** The identity of a running process, or empty when it is gone (or this is not Linux). */
    public static Optional<ProcessIdentity> of(long pid) {
        return stat(pid).map(s -> new ProcessIdentity(currentBoot(), pid, s.pgrp(), s.startTicks()));
    }

    /** The same, as the leader of its own group: a process started through {@code setsid} before it has called it. */
    static Optional<ProcessIdentity> leaderOf(long pid) {
        return stat(pid).map(s -> new ProcessIdentity(currentBoot(), pid, pid, s.startTicks()));
    }

    /** Whether this very process still runs: same boot, same pid, same start time, and not a zombie. */
    public boolean alive() {
        return bootId.equals(currentBoot()) && stat(pid).filter(s -> s.startTicks() == startTicks && s.running()).isPresent();
    }

    /** The fields of {@code /proc/PID/stat} this needs: state (3), process group (5), start time (22). */
    record Stat(char state, long pgrp, long startTicks) {
        boolean running() {
            return state != 'Z' && state != 'X' && state != 'x';
        }

        /** Parses a stat line; the command name (field 2) may hold spaces and parentheses, so fields count from its last ')'. */
        static Optional<Stat> parse(String line) {
            int close = line.lastIndexOf(')');
            if (close < 0 || close + 2 > line.length()) return Optional.empty();
            String[] f = line.substring(close + 2).trim().split(" +");
            if (f.length < 20) return Optional.empty();
            try {
                return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[19])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    static Optional<Stat> stat(long pid) {
        try {
            return Stat.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty(); // no such process (or no /proc)
        }
    }

    /** This boot's id ({@code /proc/sys/kernel/random/boot_id}), or "" where there is none. */
    static String currentBoot() {
        try {
            return Files.readString(PROC.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).strip();
        } catch (IOException | RuntimeException none) {
            return "";
        }
    }
}
