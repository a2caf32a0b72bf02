package io.vaultsync.gate;

import io.vaultsync.VaultException;

/**
 * An adoption stopped because the history it would publish holds secrets: nothing was pushed, the remote and
 * the clone's files are as they were. The findings themselves were reported before (never in this message).
 */
public class HistorySecretsException extends VaultException {
    private final transient HistoryAudit.Report report;

    public HistorySecretsException(String remote, HistoryAudit.Report report) {
        super(report.findings().size() + " secret" + (report.findings().size() == 1 ? "" : "s")
                + " in the history of " + remote + "; nothing was pushed. Purge them and run init again, or run it"
                + " with --accept-history to adopt the history as it is");
        this.report = report;
    }

    public HistoryAudit.Report report() {
        return report;
    }
}
