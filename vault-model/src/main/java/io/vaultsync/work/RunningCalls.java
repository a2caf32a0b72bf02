package io.vaultsync.work;

import static io.vaultsync.config.Mappers.JSON;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.process.ProcessGroups;
import io.vaultsync.process.ProcessIdentity;
import io.vaultsync.work.EarlierCall.Running;
import io.vaultsync.work.WorkLedger.Entry;
import io.vaultsync.work.WorkLedger.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one ledger's commands that are under way: a small file per key under
 * {@code .git/vaultsync/running/<ledger>/} (never synced) naming the child (pid, group, start time, boot),
 * written as soon as it runs and removed once its end is in the ledger. A restarted agent reads it before it
 * starts the key again ({@link #before}), so that it never runs a key whose earlier call may still run. One
 * instance per worker: it also remembers what it said, so a call still running is reported once, not every pass.
 */
public final class RunningCalls {
    private static final Logger LOG = LoggerFactory.getLogger(RunningCalls.class);

    private final String ledgerName;
    private final Set<String> told = ConcurrentHashMap.newKeySet(); // the pool's threads tell

    /** The calls of the ledger {@code ledgerName} ({@link WorkLedger#EXECUTIONS}, {@link WorkLedger#HANDLERS}). */
    public RunningCalls(String ledgerName) {
        this.ledgerName = ledgerName.replaceFirst("\\.jsonl$", "");
    }

    /** The record of a key: named by a hash of the key, so any key makes a plain, distinct file name. */
    public Path file(Path gitDir, String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return SettingsStore.stateDir(gitDir).resolve("running").resolve(ledgerName)
                    .resolve(HexFormat.of().formatHex(h, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** Records that {@code who} now runs the call for {@code key} (fsynced, replacing any earlier record). */
    public void started(Path gitDir, String key, ProcessIdentity who, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("pid", who.pid());
        m.put("pgid", who.pgid());
        m.put("start_ticks", who.startTicks());
        m.put("boot_id", who.bootId());
        m.put("since", at.toString());
        Path f = file(gitDir, key);
        try {
            AtomicFiles.write(f, JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new VaultStateException("cannot record to " + f + ": " + e.getMessage(), e);
        }
    }

    /** The call recorded as under way for {@code key}; empty when none is (or the record is unreadable). */
    public Optional<Running> read(Path gitDir, String key) {
        Path f = file(gitDir, key);
        try {
            Map<?, ?> m = JSON.readValue(Files.readAllBytes(f), Map.class);
            if (!key.equals(m.get("key"))) return Optional.empty();
            ProcessIdentity who = new ProcessIdentity((String) m.get("boot_id"), ((Number) m.get("pid")).longValue(),
                    ((Number) m.get("pgid")).longValue(), ((Number) m.get("start_ticks")).longValue());
            return Optional.of(new Running(key, who, Instant.parse((String) m.get("since"))));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("{}: unreadable record of a running call ({}); it is not taken into account", f, unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets the record of {@code key}: its call's end is in the ledger. */
    public void ended(Path gitDir, String key) {
        try {
            Files.deleteIfExists(file(gitDir, key));
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file(gitDir, key), e.getMessage()); // a stale record is ignored later
        }
    }

    /**
     * Before the command runs for a key whose ledger calls for a run: the {@link EarlierCall verdict}, acted
     * on. A call still running past {@code timeout} is stopped (its group: SIGTERM, then SIGKILL) and
     * recorded in {@code ledger} as failed; a record that no longer counts is removed.
     *
     * @param interrupted the ledger's last event for the key is {@code started} ({@link WorkPlan.Run#afterInterruption()})
     */
    public EarlierCall.Verdict before(Path gitDir, WorkLedger ledger, String key, String item, boolean interrupted,
            Instant now, Duration timeout) throws IOException {
        Optional<Running> recorded = read(gitDir, key);
        boolean alive = recorded.map(r -> r.process().alive()).orElse(false);
        EarlierCall.Verdict v = EarlierCall.decide(interrupted, recorded, alive, now, timeout);
        if (v instanceof EarlierCall.Overdue o) {
            try {
                ProcessGroups.stop(o.call().process(), ProcessGroups.GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the call from before the restart was stopped (" + item + ")", e);
            }
            ledger.append(new Entry(key, item, Event.FAILED, now, o.failure()));
        }
        if (!(v instanceof EarlierCall.StillRunning) && recorded.isPresent()) ended(gitDir, key);
        return v;
    }

    /** What a person should read about a verdict, if anything: a call still running is said once, not every pass. */
    public Optional<String> news(String key, EarlierCall.Verdict v) {
        if (v instanceof EarlierCall.StillRunning s) return told.add(key) ? Optional.of(s.message()) : Optional.empty();
        told.remove(key);
        if (v instanceof EarlierCall.Ended e) return Optional.of(e.message());
        if (v instanceof EarlierCall.Overdue o) return Optional.of("the earlier call " + o.failure()
                + "; it counts as a failure");
        return Optional.empty();
    }
}
