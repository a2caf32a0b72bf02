package io.vaultsync.doctor;

import io.vaultsync.VaultException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.SyncState;
import io.vaultsync.transport.GitEnvironment;
import io.vaultsync.transport.Remote;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks a vault end to end, in order: the clone and its settings, the remote (reachable, authentication,
 * host key or TLS certificate, repository, push allowed), the daemon, the committed policy, the journal, then
 * the machine (inotify watches, disk, locale, clock). Each check is measured here and decided by a pure
 * function; one that cannot be measured says so on its own line and the others still run.
 */
public final class VaultDoctor {
    public static final String VAULT = "vault";
    static final Path MAX_USER_WATCHES = Path.of("/proc/sys/fs/inotify/max_user_watches");

    private final Clock clock;
    private final Map<String, String> env;
    private final Path home;
    private final Path maxUserWatches;

    public VaultDoctor(Clock clock) {
        this(clock, System.getenv(), GitEnvironment.home(), MAX_USER_WATCHES);
    }

    VaultDoctor(Clock clock, Map<String, String> env, Path home, Path maxUserWatches) {
        this.clock = clock;
        this.env = env;
        this.home = home;
        this.maxUserWatches = maxUserWatches;
    }

    /** Every check, for the vault clone at {@code vault}. */
    public DoctorReport examine(Path vault) {
        Path dir = vault.toAbsolutePath().normalize();
        List<Check> checks = new ArrayList<>();
        Check clockLine;
        AgentSettings s;
        try {
            s = SettingsStore.read(VaultRepo.gitDirOf(dir));
        } catch (VaultException e) {
            checks.add(Check.fail(VAULT, e.getMessage(), "run init for this directory (or point --vault at the agent's clone)"));
            machine(dir, checks);
            return new DoctorReport(checks);
        }
        try (VaultRepo repo = VaultRepo.open(dir, s.branch())) {
            checks.add(Check.ok(VAULT, dir + ": agent " + s.name() + " (" + s.role().name().toLowerCase(java.util.Locale.ROOT)
                    + ") on " + s.machine() + ", branch " + s.branch()));
            checks.addAll(RemoteProbe.check(repo));
            Path gitDir = repo.gitDir();
            checks.add(attempt(DaemonCheck.NAME,
                    () -> DaemonCheck.decide(DaemonCheck.probe(gitDir), SyncState.read(gitDir), clock.instant())));
            checks.add(attempt(RepoChecks.POLICY, () -> RepoChecks.policy(repo, s.name())));
            checks.add(attempt(RepoChecks.JOURNAL, () -> RepoChecks.journal(repo, clock.instant())));
            clockLine = clock(RemoteBranch.remote(repo), repo);
        }
        machine(dir, checks);
        checks.add(clockLine);
        return new DoctorReport(checks);
    }

    private void machine(Path dir, List<Check> checks) {
        if (Files.isDirectory(dir)) {
            checks.add(attempt(MachineChecks.INOTIFY, () -> MachineChecks.inotify(maxUserWatches(), folders(dir))));
            checks.add(attempt(MachineChecks.DISK, () -> {
                FileStore store = Files.getFileStore(dir);
                return MachineChecks.disk(store.getUsableSpace(), store.name() + " (" + dir + ")");
            }));
        }
        checks.add(MachineChecks.locale(System.getProperty("sun.jnu.encoding"), System.getProperty("file.encoding")));
    }

    private Check clock(Remote remote, VaultRepo repo) {
        return switch (RemoteLines.Via.of(remote.uri())) {
            case HTTPS, HTTP -> ServerClock.check(remote.url(), repo.repository().getConfig(), env, home,
                    remote.access().networkTimeout(), clock);
            case SSH -> MachineChecks.clockNotChecked("SSH does not tell the server's time; keep NTP on");
            case LOCAL -> MachineChecks.clockNotChecked("the remote is on this machine, same clock");
            case OTHER -> MachineChecks.clockNotChecked("the transport does not tell the server's time");
        };
    }

    private OptionalLong maxUserWatches() throws IOException {
        if (!Files.isReadable(maxUserWatches)) return OptionalLong.empty();
        String s;
        // one read into a large buffer: some kernels' sysctl files answer a read at an offset past 0 with EOF
        try (BufferedReader r = Files.newBufferedReader(maxUserWatches, StandardCharsets.US_ASCII)) {
            s = r.readLine();
        }
        try {
            return s == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The folders the file watcher registers: the work tree's, {@code .git} left out, links not followed. */
    static long folders(Path root) throws IOException {
        long[] n = {0};
        Path git = root.resolve(".git");
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                if (d.equals(git)) return FileVisitResult.SKIP_SUBTREE;
                n[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }

    /** A check whose measurement can fail: the failure becomes its line, the other checks still run. */
    private static Check attempt(String name, Measured m) {
        try {
            return m.get();
        } catch (IOException | UncheckedIOException | VaultException e) {
            return Check.warn(name, "cannot check: " + e.getMessage(),
                    "run doctor as the agent's user, with read access to the vault and its .git folder");
        }
    }

    @FunctionalInterface
    private interface Measured {
        Check get() throws IOException;
    }
}
