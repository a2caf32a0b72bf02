package io.vaultsync.distribution.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code distribute registry}: the seed's registry table from the recorded state. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Prints the registry table: repo, rule, strategy, frequency, last sync, version, status.")
public final class RegistryCommand implements Callable<Integer> {
    @Mixin
    SourceOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        return options.run(spec, (loaded, out) -> {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {"REPO", "RULE", "STRATEGY", "FREQUENCY", "LAST SYNC", "VERSION", "STATUS"});
            for (StatusTable.Row r : StatusTable.rows(options, loaded, clock.instant())) {
                lines.add(new String[] {r.repo(), r.rule().id(), r.rule().strategy().word(), r.rule().frequency().word(),
                        r.entry().lastSync() == null ? "never" : r.entry().lastSync().toString(),
                        r.entry().lastVersion() == null ? "-" : r.entry().lastVersion(), r.status().word()});
            }
            out.print(StatusTable.format(lines));
            return ExitCodes.OK;
        });
    }
}
