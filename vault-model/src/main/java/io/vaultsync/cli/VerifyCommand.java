package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.journal.Journal;
import io.vaultsync.journal.JournalAnchor;
import io.vaultsync.journal.JournalCheck;
import io.vaultsync.journal.JournalRecord;
import io.vaultsync.journal.Op;
import io.vaultsync.journal.RepoHealth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", description = "Check the journal's hash chain, that every operation it says landed is on the"
        + " remote branch (as last fetched), and the repository's health. Exit 0 clean, 18 with the first problem named.")
final class VerifyCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    VaultOptions opts;

    VerifyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        Path gitDir = SyncCommand.gitDir(opts.vault());
        AgentSettings s = SettingsStore.read(gitDir);
        PrintWriter out = ctx.out();
        List<String> lines = Journal.lines(gitDir);
        Optional<JournalCheck.Break> broken = JournalCheck.verify(lines);
        if (broken.isPresent()) {
            JournalCheck.Break b = broken.get();
            ctx.err().println(ctx.command() + ": journal record " + b.line() + (b.id() == null ? "" : " (" + b.id() + ")")
                    + " is broken: " + b.why() + " [" + Journal.file(gitDir) + "]");
            return ExitCodes.VERIFY_FAILED;
        }
        List<JournalRecord> records = Journal.read(Journal.file(gitDir));
        Optional<String> cut = JournalAnchor.read(gitDir).flatMap(a -> a.check(records));
        if (cut.isPresent()) {
            ctx.err().println(ctx.command() + ": " + cut.get() + " [" + Journal.file(gitDir) + "]");
            return ExitCodes.VERIFY_FAILED;
        }
        int mapped = 0;
        try (VaultRepo vault = VaultRepo.open(opts.vault(), s.branch()); RevWalk rw = new RevWalk(vault.repository())) {
            ObjectId remote = vault.tracking();
            for (int i = 0; i < records.size(); i++) {
                JournalRecord r = records.get(i);
                if (!r.op().equals(Op.RECONCILE.journalName())) continue;
                if (remote == null || !onRemote(rw, r.commit(), remote)) {
                    ctx.err().println(ctx.command() + ": journal record " + (i + 1) + " (" + r.id() + ") says it landed as "
                            + r.commit() + ", which is not on the remote branch " + s.branch());
                    return ExitCodes.VERIFY_FAILED;
                }
                mapped++;
            }
            RepoHealth.Report health = RepoHealth.check(vault);
            if (!health.problems().isEmpty()) {
                ctx.err().println(ctx.command() + ": repository: " + health.problems().get(0)
                        + (health.problems().size() > 1 ? " (and " + (health.problems().size() - 1) + " more)" : ""));
                return ExitCodes.VERIFY_FAILED;
            }
            out.println(s.name() + ": journal " + records.size() + " records, hash chain intact; " + mapped
                    + " landed commits found on the remote branch; repository: " + health.objects() + " objects checked, clean");
        }
        return ExitCodes.OK;
    }

    private static boolean onRemote(RevWalk rw, String commit, ObjectId remote) {
        try {
            rw.reset();
            return rw.isMergedInto(rw.parseCommit(ObjectId.fromString(commit)), rw.parseCommit(remote));
        } catch (Exception e) {
            return false;
        }
    }
}
