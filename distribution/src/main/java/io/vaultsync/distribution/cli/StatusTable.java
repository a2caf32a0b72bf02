package io.vaultsync.distribution.cli;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.publish.SourceRepo;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.distribution.state.SyncStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The registry table's rows: one per rule (and its downstream), with its state from the ledger. */
final class StatusTable {
    private StatusTable() {
    }

    record Row(String repo, SyncRule rule, SyncLedger.Entry entry, SyncLedger.Status status) {
    }

    static List<Row> rows(SourceOptions options, SourceOptions.Loaded loaded, Instant now) {
        try (SourceRepo source = SourceRepo.open(options.source)) {
            SyncLedger ledger = SyncLedger.read(SyncLedger.file(source.gitDir(), options.prefix));
            List<String> releases = new ArrayList<>(source.releases().keySet());
            String head = source.head().name();
            List<Row> rows = new ArrayList<>();
            for (SyncRule r : loaded.rules().rules()) {
                Registry.Downstream d = loaded.registry().downstream(r.targetRepo(), r.id());
                SyncLedger.Entry e = ledger.find(r.id(), r.targetRepo()).orElse(SyncLedger.Entry.never(r.id(), r.targetRepo()));
                rows.add(new Row(r.targetRepo(), r, e, SyncStatus.of(e, r.frequency(), releases, head, now, d.thresholds())));
            }
            rows.sort(java.util.Comparator.comparing(Row::repo).thenComparing(x -> x.rule().id()));
            return rows;
        } catch (IOException e) {
            throw new DistributionException("cannot read the source repository: " + e.getMessage(), e);
        }
    }

    /** Left-aligned columns, two blanks apart. */
    static String format(List<String[]> lines) {
        int cols = lines.get(0).length;
        int[] w = new int[cols];
        for (String[] l : lines) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], l[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(i == cols - 1 ? l[i] : String.format("%-" + w[i] + "s  ", l[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
