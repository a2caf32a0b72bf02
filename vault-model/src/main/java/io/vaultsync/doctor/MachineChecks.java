package io.vaultsync.doctor;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The decisions about the machine the agent runs on, as pure functions of what was measured: enough inotify
 * watches for the vault's folders, free disk space, a UTF-8 locale for file names, a clock in step with the
 * server's.
 */
public final class MachineChecks {
    public static final String INOTIFY = "inotify watches";
    public static final String DISK = "disk";
    public static final String LOCALE = "locale";
    public static final String CLOCK = "clock";

    /** Below this much free space the disk check fails (git cannot repack, a write may be cut short). */
    public static final long DISK_FAIL_BELOW = 100L * 1024 * 1024;
    /** Below this much it warns. */
    public static final long DISK_WARN_BELOW = 1024L * 1024 * 1024;
    public static final Duration SKEW_FAIL_OVER = Duration.ofMinutes(5);
    public static final Duration SKEW_WARN_OVER = Duration.ofSeconds(30);
    /** The least a raised inotify limit should be (what many distributions now default to). */
    static final long WATCHES_FLOOR = 524_288;

    private MachineChecks() {}

    /**
     * {@code limit} is {@code fs.inotify.max_user_watches} (empty: not readable here); the file watcher needs
     * one watch per folder of the vault, and the limit is shared by every process of the user.
     */
    public static Check inotify(OptionalLong limit, long folders) {
        if (limit.isEmpty()) {
            return Check.warn(INOTIFY, "cannot tell: no /proc/sys/fs/inotify/max_user_watches (not Linux?); the vault"
                    + " has " + folders + " folder" + (folders == 1 ? "" : "s"),
                    "nothing to do unless changes are picked up late; the periodic rescan finds them anyway");
        }
        long max = limit.getAsLong();
        String detail = "limit " + max + ", the vault has " + folders + " folder" + (folders == 1 ? "" : "s")
                + " (one watch each, the limit shared with the user's other programs)";
        String fix = "sudo sysctl fs.inotify.max_user_watches=" + suggestedWatches(folders)
                + " (and the same line in /etc/sysctl.d/90-vaultsync.conf to keep it)";
        if (max < folders) return Check.fail(INOTIFY, detail + ": the watcher cannot cover the vault", fix);
        if (max < 2 * folders) return Check.warn(INOTIFY, detail + ": little room left", fix);
        return Check.ok(INOTIFY, detail);
    }

    static long suggestedWatches(long folders) {
        return Math.max(WATCHES_FLOOR, 4 * folders);
    }

    /** {@code usable} bytes free for this user on the vault's file store. */
    public static Check disk(long usable, String store) {
        String detail = mb(usable) + " free on " + store;
        String fix = "free space on that disk (or grow it): git needs room to write and repack objects";
        if (usable < DISK_FAIL_BELOW) return Check.fail(DISK, detail, fix);
        if (usable < DISK_WARN_BELOW) return Check.warn(DISK, detail, fix);
        return Check.ok(DISK, detail);
    }

    private static String mb(long bytes) {
        return bytes >= 10L * 1024 * 1024 * 1024 ? bytes / (1024L * 1024 * 1024) + " GB" : bytes / (1024 * 1024) + " MB";
    }

    /**
     * {@code jnu} is {@code sun.jnu.encoding} (how the JVM encodes file names), {@code file} is
     * {@code file.encoding}; both should be UTF-8, else a task named with an accent cannot be read or written.
     */
    public static Check locale(String jnu, String file) {
        boolean names = utf8(jnu);
        boolean contents = utf8(file);
        String detail = "file names " + jnu + ", default charset " + file;
        if (names && contents) return Check.ok(LOCALE, detail);
        return Check.warn(LOCALE, detail + (names ? "" : ": names with non-ASCII characters cannot be read or written"),
                "set LANG=C.UTF-8 (or another UTF-8 locale) for the agent's service (Environment=LANG=C.UTF-8 in its unit)");
    }

    static boolean utf8(String charset) {
        if (charset == null) return false;
        String c = charset.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return c.equals("UTF8");
    }

    /** {@code skew} is this machine's clock minus the server's (positive: ahead). */
    public static Check clock(Duration skew, String server) {
        Duration abs = skew.abs();
        String detail = (abs.toMillis() < 1000 ? "in step with " + server
                : (skew.isNegative() ? "behind " : "ahead of ") + server + " by " + seconds(abs)) + " (per its Date header)";
        String fix = "turn on time synchronisation: sudo timedatectl set-ntp true (or chrony/ntpd)";
        if (abs.compareTo(SKEW_FAIL_OVER) > 0) {
            return Check.fail(CLOCK, detail + ": leases and conflict times go wrong", fix);
        }
        if (abs.compareTo(SKEW_WARN_OVER) > 0) return Check.warn(CLOCK, detail, fix);
        return Check.ok(CLOCK, detail);
    }

    /** The clock line when the transport gives no server time to compare with. */
    public static Check clockNotChecked(String why) {
        return Check.ok(CLOCK, "not checked: " + why);
    }

    /** The clock line when the server was asked but did not tell its time. */
    public static Check clockUnknown(String why) {
        return Check.warn(CLOCK, "cannot tell: " + why, "check the machine's time by hand: timedatectl (NTP synchronized: yes)");
    }

    private static String seconds(Duration d) {
        long s = d.getSeconds();
        return s < 120 ? s + "s" : s / 60 + "m " + s % 60 + "s";
    }
}
