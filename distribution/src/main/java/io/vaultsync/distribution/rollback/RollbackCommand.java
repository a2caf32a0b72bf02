package io.vaultsync.distribution.rollback;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.cli.SourceOptions;
import io.vaultsync.distribution.decisions.DownstreamRepo;
import io.vaultsync.distribution.decisions.Downstreams;
import io.vaultsync.distribution.publish.SourceRepo;
import io.vaultsync.distribution.validate.SyncValidation;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distribute rollback --source DIR --rule ID --downstream REPO [--to vX.Y.Z] [--dry-run]}: restores an
 * earlier sync of the rule on a new, reviewable branch. Exit 0 pushed (or planned, with --dry-run), 1 the
 * branch already exists, 10 bad input (no such downstream, no earlier sync), 11 validation blocked, 14
 * downstream unreachable.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Restores an earlier sync of a rule in a downstream, on a new branch, with a DECISIONS.md entry.")
public final class RollbackCommand implements Callable<Integer> {
    /** Exit code: the rollback branch already exists downstream. */
    public static final int BRANCH_EXISTS = ExitCodes.FAILED;
    /** Exit code: no such downstream, or no earlier sync to restore. */
    public static final int BAD_INPUT = ExitCodes.BAD_CONFIG;
    /** Exit code: the restored files failed validation; nothing pushed. */
    public static final int BLOCKED = ExitCodes.VALIDATION_BLOCKED;
    /** Exit code: the downstream could not be reached. */
    public static final int UNREACHABLE = ExitCodes.UNREACHABLE;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Option(names = "--rule", required = true, description = "The rule whose sync is rolled back.")
    String rule;

    @Option(names = "--downstream", required = true, description = "The downstream, as the registry names it (org/webapp).")
    String downstream;

    @Option(names = "--to", description = "The version to restore (default: the sync before the current one).")
    String to;

    @Option(names = "--reason", description = "Why, for DECISIONS.md.")
    String reason;

    @Option(names = "--dry-run", description = "Print the plan and the validation report; change no ref anywhere.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Rollback.Result result;
        try {
            SourceOptions.Loaded loaded = options.load();
            var d = Downstreams.find(loaded.registry(), downstream);
            try (SourceRepo src = SourceRepo.open(options.source())) {
                result = Rollback.run(new Rollback.Request(d, rule, to, options.prefix(), reason, dryRun, checks(src, loaded)),
                        Clock.systemUTC());
            }
        } catch (DownstreamRepo.Unreachable e) {
            err.println("rollback: " + e.getMessage());
            return UNREACHABLE;
        } catch (DistributionException e) {
            err.println("rollback: " + e.getMessage());
            return BAD_INPUT;
        }
        print(out, result.plan());
        int exit = 0;
        if (result instanceof Rollback.Result.Pushed p) {
            out.println("pushed " + p.plan().branch() + " at " + p.commit() + ": review and merge it like a sync");
        } else if (result instanceof Rollback.Result.DryRun) {
            out.println("dry run: nothing pushed");
        } else if (result instanceof Rollback.Result.Blocked) {
            out.println("blocked by validation: nothing pushed");
            exit = BLOCKED;
        } else if (result instanceof Rollback.Result.BranchExists b) {
            err.println("rollback: " + b.detail() + ": nothing pushed (delete or merge that branch first)");
            exit = BRANCH_EXISTS;
        }
        out.flush();
        return exit;
    }

    /** The publish checks' inputs, when the rule still exists in the source; else null (checksums only). */
    private Rollback.Checks checks(SourceRepo src, SourceOptions.Loaded loaded) {
        var found = loaded.rules().find(rule);
        if (found.isEmpty()) return null;
        return new Rollback.Checks(found.get(), loaded.registry().privatePaths(), (commit, path) -> {
            try {
                return src.read(ObjectId.fromString(commit), path);
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private void print(PrintWriter out, Rollback.Plan plan) {
        out.println("rollback " + rule + " on " + downstream + ": " + plan.fromVersion() + " -> " + plan.toVersion());
        out.println("  branch: " + plan.branch());
        plan.restored().forEach(p -> out.println("  restore: " + p));
        plan.removed().forEach(p -> out.println("  remove: " + p));
        out.println("  DECISIONS.md: rollback entry appended");
        SyncValidation v = plan.validation();
        out.println("validation: " + v.status().word());
        v.checks().forEach(c -> out.println("  " + c.name() + "  " + c.status().word() + "  " + c.message()
                + (c.status() == SyncValidation.Status.FAIL ? " " + c.files() : "")));
    }
}
