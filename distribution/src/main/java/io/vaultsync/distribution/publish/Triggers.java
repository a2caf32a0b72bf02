package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.state.SyncLedger;
import java.util.Optional;

/** Whether a rule is due for a downstream. Pure. */
public final class Triggers {
    private Triggers() {
    }

    /** Due, or not with the reason. */
    public record Decision(boolean due, String reason) {
    }

    /**
     * on_release: due when the version is not the last one synced; on_change: when the source commit is not the
     * last one synced and the rule's files changed ({@code touched}); manual: only when named ({@code asked}).
     * A rule named with {@code --rule} is always looked at (and is still a no-op if the downstream has it).
     */
    public static Decision due(SyncRule rule, Optional<SyncLedger.Entry> last, String version, String sourceCommit,
            boolean asked, boolean touched) {
        if (asked) {
            return new Decision(true, "asked for");
        }
        return switch (rule.frequency()) {
            case MANUAL -> new Decision(false, "manual rule (run it with --rule " + rule.id() + ")");
            case ON_RELEASE -> last.map(SyncLedger.Entry::lastVersion).filter(version::equals).isPresent()
                    ? new Decision(false, version + " already synced")
                    : new Decision(true, "new release " + version);
            case ON_CHANGE -> {
                if (last.map(SyncLedger.Entry::lastSourceCommit).filter(sourceCommit::equals).isPresent()) {
                    yield new Decision(false, "source commit already synced");
                }
                yield last.map(SyncLedger.Entry::lastSourceCommit).isEmpty() || touched
                        ? new Decision(true, "the rule's files changed")
                        : new Decision(false, "no change to the rule's files");
            }
        };
    }
}
