package io.vaultsync.distribution.decisions;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.cli.SourceOptions;
import io.vaultsync.distribution.decisions.ConflictResolution.Decision;
import io.vaultsync.distribution.state.SyncLedger;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distribute resolve --source DIR --downstream REPO --rule ID --path P --decision keep-override|take-upstream|manual
 * [--note TEXT]}: settles a conflict on the rule's PR branch (the last sync branch, or {@code --branch}) and
 * records it in {@code DECISIONS.md}. Exit 0 done, 1 the branch moved meanwhile (run again), 2 bad decision,
 * 10 bad input, 14 downstream unreachable.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Settles a merge conflict on a sync's PR branch and records a conflict_resolution in DECISIONS.md.")
public final class ResolveCommand implements Callable<Integer> {
    /** Exit code: someone pushed to the PR branch meanwhile; nothing changed. */
    public static final int BRANCH_MOVED = ExitCodes.FAILED;
    /** Exit code: a decision that is not one of the three. */
    public static final int USAGE = ExitCodes.USAGE;
    /** Exit code: no such downstream, branch, synced path or override. */
    public static final int BAD_INPUT = ExitCodes.BAD_CONFIG;
    /** Exit code: the downstream could not be reached. */
    public static final int UNREACHABLE = ExitCodes.UNREACHABLE;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Option(names = "--downstream", required = true, description = "The downstream, as the registry names it.")
    String downstream;

    @Option(names = "--rule", required = true, description = "The rule whose sync conflicted.")
    String rule;

    @Option(names = "--path", required = true, description = "The downstream path of the conflicted file.")
    String path;

    @Option(names = "--decision", required = true, description = "keep-override, take-upstream or manual.")
    String decision;

    @Option(names = "--note", description = "Why, for DECISIONS.md.")
    String note;

    @Option(names = "--by", description = "Who decided (default: the user name).")
    String by;

    @Option(names = "--branch", description = "The PR branch (default: the rule's last sync branch from the source ledger).")
    String branch;

    @Option(names = "--dry-run", description = "Show the record; change no ref anywhere.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Decision d;
        try {
            d = Decision.parse(decision);
        } catch (IllegalArgumentException e) {
            err.println("resolve: " + e.getMessage());
            return USAGE;
        }
        Resolve.Result result;
        try {
            var ds = Downstreams.find(options.load().registry(), downstream);
            String prefix = options.prefix();
            String onBranch = branch != null ? branch : SyncLedger.read(SyncLedger.file(options.source().resolve(".git"), prefix))
                    .find(rule, downstream).map(SyncLedger.Entry::lastBranch)
                    .orElseThrow(() -> new DistributionException("no sync of " + rule + " to " + downstream + " recorded: name the PR branch with --branch"));
            String who = by != null ? by : System.getProperty("user.name", "unknown");
            result = Resolve.run(new Resolve.Request(ds, onBranch, rule, path, d, who, note, prefix, dryRun), Clock.systemUTC());
        } catch (DownstreamRepo.Unreachable e) {
            err.println("resolve: " + e.getMessage());
            return UNREACHABLE;
        } catch (DistributionException e) {
            err.println("resolve: " + e.getMessage());
            return BAD_INPUT;
        }
        var r = result.record();
        out.println("conflict_resolution: " + r.path() + " (" + r.rule() + " " + r.version() + "): " + r.decision().word() + " by " + r.by());
        if (result.lostRace()) {
            err.println("resolve: the branch moved meanwhile; nothing pushed, run again");
            return BRANCH_MOVED;
        }
        out.println(result.commit() == null ? "dry run: nothing pushed" : "committed " + result.commit() + " with DECISIONS.md");
        out.flush();
        return 0;
    }
}
