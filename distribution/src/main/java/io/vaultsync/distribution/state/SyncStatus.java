package io.vaultsync.distribution.state;

import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.Frequency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a (rule, downstream) stands, from its ledger entry: {@code stale} past a threshold (days since the
 * last sync for its frequency, releases missed, consecutive failures), {@code current} when it has the newest
 * release (on_change: the source's HEAD), else {@code behind} (also when it never synced). Pure.
 */
public final class SyncStatus {
    private SyncStatus() {
    }

    /**
     * @param releases the source's release tags, oldest first
     * @param head     the source's HEAD commit (for on_change rules)
     */
    public static SyncLedger.Status of(SyncLedger.Entry e, Frequency frequency, List<String> releases, String head, Instant now,
            Registry.Thresholds t) {
        if (e.consecutiveFailures() >= t.consecutiveFailures()) {
            return SyncLedger.Status.STALE;
        }
        if (e.lastSync() == null) {
            return SyncLedger.Status.BEHIND; // never synced: due, not yet overdue
        }
        int days = switch (frequency) {
            case ON_RELEASE -> t.onReleaseDays();
            case ON_CHANGE -> t.onChangeDays();
            case MANUAL -> t.manualDays();
        };
        if (Duration.between(e.lastSync(), now).toDays() > days) {
            return SyncLedger.Status.STALE;
        }
        int at = e.lastVersion() == null ? -1 : releases.indexOf(e.lastVersion());
        int missed = releases.size() - 1 - at;
        if (frequency != Frequency.MANUAL && missed >= t.releasesMissed()) {
            return SyncLedger.Status.STALE;
        }
        boolean current = frequency == Frequency.ON_CHANGE ? head.equals(e.lastSourceCommit())
                : e.lastVersion() != null && (releases.isEmpty() || releases.get(releases.size() - 1).equals(e.lastVersion()));
        return current ? SyncLedger.Status.CURRENT : SyncLedger.Status.BEHIND;
    }
}
