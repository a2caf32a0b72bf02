package io.vaultsync.distribution.cli;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.publish.PublishRequest;
import io.vaultsync.distribution.publish.Publisher;
import io.vaultsync.distribution.publish.RunResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distribute watch}: polls the source and publishes what is due, one pass per tick. The rules and the
 * registry are read again at each pass (an edit takes effect at the next one; a broken edit skips the pass).
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Polls the source and publishes the due rules, one pass per tick.")
public final class WatchCommand implements Callable<Integer> {
    @Mixin
    SourceOptions options;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "300", description = "Seconds between passes (default: ${DEFAULT-VALUE}).")
    long intervalSeconds;

    @Option(names = "--once", description = "One pass, then exit with its code.")
    boolean once;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (intervalSeconds <= 0) {
            err.println("--interval must be above 0");
            return ExitCodes.USAGE;
        }
        while (true) {
            int code = pass(out, err);
            if (once) {
                return code;
            }
            Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis()); // the poll interval itself, not a wait for a condition
        }
    }

    private int pass(PrintWriter out, PrintWriter err) {
        try {
            SourceOptions.Loaded loaded = options.load();
            List<RunResult> results = Publisher.publish(new PublishRequest(options.source, loaded.rules(), loaded.registry(), null, null,
                    false, options.prefix, null, null, null));
            results.stream().filter(r -> !(r instanceof RunResult.NotDue)).forEach(r -> Reports.print(out, r));
            out.flush();
            return Reports.exitCode(results);
        } catch (DistributionException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.BAD_CONFIG;
        }
    }
}
