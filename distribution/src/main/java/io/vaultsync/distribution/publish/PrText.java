package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.validate.SyncValidation;
import java.util.List;

/** The pull request's title and body, from the seed's template. Pure. */
public final class PrText {
    private PrText() {
    }

    /** {@code sync(agent33): Update {spec-name} from v{version}}. */
    public static String title(String prefix, SyncRule rule, String version) {
        return "sync(" + prefix + "): Update " + rule.name() + " from " + version;
    }

    /** The body: what, the file counts and list, the changelog excerpt, the validation table. */
    public static String body(String prefix, SyncRule rule, String downstream, String branch, String version, String sourceCommit,
            String since, Changes changes, List<String> changelog, SyncValidation report) {
        StringBuilder b = new StringBuilder();
        b.append("Automated sync by `distribute` (").append(prefix).append("): rule `").append(rule.id()).append("` (")
                .append(rule.strategy().word()).append(", ").append(rule.frequency().word()).append(") → `").append(downstream)
                .append("`, branch `").append(branch).append("`.\n\n");
        b.append("Source: ").append(version).append(" (commit ").append(sourceCommit, 0, Math.min(12, sourceCommit.length()))
                .append(")\n\n");
        b.append("## Files\n\n");
        b.append(changes.added().size()).append(" added, ").append(changes.modified().size()).append(" modified, ")
                .append(changes.removed().size()).append(" removed\n\n");
        changes.added().forEach(p -> b.append("- added `").append(p).append("`\n"));
        changes.modified().forEach(p -> b.append("- modified `").append(p).append("`\n"));
        changes.removed().forEach(p -> b.append("- removed `").append(p).append("`\n"));
        b.append("\n## Changelog").append(since == null ? "" : " since " + since).append("\n\n");
        if (changelog.isEmpty()) {
            b.append("(no source commit touched these files)\n");
        }
        changelog.forEach(c -> b.append("- ").append(c).append('\n'));
        b.append("\n## Validation: ").append(report.status().word()).append("\n\n");
        b.append("| check | status | files | detail |\n|---|---|---|---|\n");
        for (SyncValidation.Check c : report.checks()) {
            b.append("| ").append(c.name()).append(" | ").append(c.status().word()).append(" | ").append(c.files().size())
                    .append(" | ").append(c.message().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        b.append("\nDo not edit the synced files here: put local changes under `.").append(prefix)
                .append("-overrides/` (they are merged on the next sync).\n");
        return b.toString();
    }
}
