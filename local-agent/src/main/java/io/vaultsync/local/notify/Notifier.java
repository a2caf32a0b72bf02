package io.vaultsync.local.notify;

import static io.vaultsync.config.Mappers.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.process.CommandRunner;
import io.vaultsync.work.WorkPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the person at the desktop about new drafts and cards: after each cycle the agent's {@code notify}
 * command ({@code sh -c}) gets the new ones ({@link Arrivals}) as a JSON list on stdin ({@code path},
 * {@code kind}, {@code title}). It runs on a thread of its own, one call at a time (a pass while one runs
 * leaves the news to the next), never on the loop's; a call is stopped after {@link #TIME_LIMIT}. A failure
 * is logged and not retried: what was announced is remembered in {@code .git/vaultsync/notified.json}
 * either way, so neither a failure nor a restart announces the same item twice.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    public static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    static final String RECORD = "notified.json";
    static final String KEY = "notify";

    private final String command;
    private final WorkPool pool;
    private final Duration limit;
    /** The call under way, if any: a stopping agent ends it rather than leave it behind. */
    private volatile Process running;

    /** @param command the {@code notify} setting, or null for none (then nothing is ever run) */
    public Notifier(String command, WorkPool pool) {
        this(command, pool, TIME_LIMIT);
    }

    Notifier(String command, WorkPool pool, Duration limit) {
        this.command = command;
        this.pool = pool;
        this.limit = limit;
    }

    /** Looks for news beside the loop (with the inline pool: now); returns at once. */
    public void afterCycle(Path vault) throws IOException {
        if (command == null) return;
        Path root = vault.toAbsolutePath().normalize();
        WorkPool.Taken t = pool.submit(KEY, () -> pass(root));
        if (t != WorkPool.Taken.STARTED) LOG.debug("notify: not now ({})", t);
    }

    /**
     * Waits up to {@code grace} for a call under way, then ends it (and what it started): a notification is not
     * worth outliving the agent. Its news may be announced again by the next start.
     */
    public void stop(Duration grace) throws InterruptedException {
        if (pool.stop(grace)) return;
        Process p = running;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            LOG.warn("notify: the call under way was stopped with the agent");
        }
    }

    void pass(Path root) throws IOException {
        Path gitDir = VaultRepo.gitDirOf(root);
        Set<String> before = remembered(gitDir);
        Arrivals.Decision d = Arrivals.decide(before, Waiting.in(root));
        if (!d.announce().isEmpty()) announce(root, gitDir, d.announce());
        if (!d.remember().equals(before)) {
            AtomicFiles.write(record(gitDir), JSON.writeValueAsBytes(Map.of("paths", new TreeSet<>(d.remember()))));
        }
    }

    /** Runs the command once with {@code news} on stdin; what goes wrong is logged, not retried. */
    private void announce(Path root, Path gitDir, List<Arrivals.Item> news) throws IOException {
        Path dir = SettingsStore.stateDir(gitDir);
        Path in = dir.resolve("notify-in.json");
        Path log = dir.resolve("notify.log");
        AtomicFiles.write(in, JSON.writeValueAsBytes(news)); // a file, not a pipe: a command that reads nothing never blocks us
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectInput(in.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("VAULTSYNC_VAULT", root.toString());
        pb.environment().put("VAULTSYNC_NEW", Integer.toString(news.size()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            LOG.warn("notify: cannot run the command ({}); {} new item(s) not announced", e.getMessage(), news.size());
            return;
        }
        running = p;
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                LOG.warn("notify: the command ran longer than {}s and was stopped; {} new item(s) not announced again",
                        limit.toSeconds(), news.size());
            } else if (p.exitValue() != 0) {
                LOG.warn("notify: the command failed (exit {}): {}; not tried again", p.exitValue(),
                        CommandRunner.tailOf(log).replace('\n', ' '));
            } else {
                LOG.info("notify: announced {} new item(s)", news.size());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the notify command ran", e);
        } finally {
            running = null;
        }
    }

    /** The paths waiting at the last notification; null when there is no (readable) record yet. */
    static Set<String> remembered(Path gitDir) {
        Path f = record(gitDir);
        try {
            JsonNode paths = JSON.readTree(Files.readAllBytes(f)).get("paths");
            if (paths == null || !paths.isArray()) throw new IOException("no list of paths");
            Set<String> out = new TreeSet<>();
            paths.forEach(n -> out.add(n.asText()));
            return out;
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("notify: {} is unreadable ({}); what waits now counts as announced", f, e.getMessage());
            return null;
        }
    }

    static Path record(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve(RECORD);
    }
}
