package io.vaultsync.distribution.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.cli.SourceOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distribute drift --source DIR}: every synced file changed downstream outside the overrides, and every
 * stale sync, as {@code sync_alert} records. Exit 12 when a file drifted, else 13 when a sync is stale, 14 when
 * a downstream could not be reached, 0 when all is well.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Lists synced files changed downstream outside the overrides, and stale syncs (sync_alert records).")
public final class DriftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Option(names = "--json", description = "Print the alerts as JSON.")
    boolean json;

    @Option(names = "--yaml", description = "Print the alerts as YAML.")
    boolean yaml;

    @Option(names = "--now", hidden = true, description = "Pretend it is this instant (tests).")
    Instant now;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
        DriftScan.Report report;
        try {
            SourceOptions.Loaded loaded = options.load();
            report = DriftScan.run(options.source(), loaded.rules(), loaded.registry(), options.prefix(), clock);
        } catch (DistributionException e) {
            err.println("drift: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        if (json || yaml) {
            try {
                var doc = Map.of("sync_alerts", report.alerts());
                out.print(json ? Mappers.prettyJson(doc) + "\n" : Mappers.YAML.writeValueAsString(doc));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the alerts", e);
            }
        } else if (report.alerts().isEmpty()) {
            out.println("no drift, nothing stale");
        } else {
            report.alerts().forEach(a -> out.println(a.line()));
        }
        report.unreachable().forEach(u -> err.println("unreachable: " + u));
        out.flush();
        if (report.drift()) return ExitCodes.DRIFT;
        if (report.stale()) return ExitCodes.STALE;
        return report.unreachable().isEmpty() ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }
}
