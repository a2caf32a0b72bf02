package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.DeviceId;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.SignatureAudit;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.journal.Journal;
import io.vaultsync.journal.JournalAnchor;
import io.vaultsync.journal.JournalCheck;
import io.vaultsync.journal.JournalFiles;
import io.vaultsync.journal.JournalFold;
import io.vaultsync.journal.JournalReads;
import io.vaultsync.journal.JournalRecord;
import io.vaultsync.journal.Op;
import io.vaultsync.journal.RepoHealth;
import io.vaultsync.journal.RewriteAck;
import io.vaultsync.journal.RewriteCheck.Verdict;
import io.vaultsync.journal.RewriteCheck;
import io.vaultsync.journal.RewriteFacts;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.VaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(addMethodSubcommands = false, name = "verify", description = "Check the journal's hash chain, that every operation it says landed is on the"
        + " remote branch (as last fetched), and the repository's health. Exit 0 clean, 18 with the first problem named."
        + " Landed commits that a forced update of the remote branch dropped are named as a rewrite, which"
        + " --acknowledge-rewrite records. Every agent commit since signing began must be signed by its agent's listed key.")
final class VerifyCommand extends VaultCommand {
    @Option(names = "--acknowledge-rewrite", description = "Record in the journal that the remote branch was rewritten"
            + " (the forced update verify names): the records whose commits it dropped are settled, everything else is"
            + " still checked. Refused (exit 18) when nothing shows a rewrite.")
    boolean acknowledgeRewrite;

    @Override
    @SuppressWarnings("try") // the lock is held while the acknowledgement is appended, not used in it
    public Integer call() throws Exception {
        Path gitDir = VaultRepo.gitDirOf(opts.vault());
        AgentSettings s = SettingsStore.read(gitDir);
        if (!acknowledgeRewrite) return verify(gitDir, s);
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            int acked = acknowledge(gitDir, s);
            return acked == ExitCodes.OK ? verify(gitDir, s) : acked;
        }
    }

    private int verify(Path gitDir, AgentSettings s) throws IOException {
        Optional<String> broken = journalProblem(gitDir);
        if (broken.isPresent()) return fail(broken.get());
        List<JournalRecord> records = Journal.readAll(gitDir);
        try (VaultRepo vault = VaultRepo.open(opts.vault(), s.branch())) {
            Verdict v = RewriteCheck.decide(records, RewriteFacts.gather(vault, records));
            if (v instanceof Verdict.Failed f) return fail(failure(f, s.branch()));
            if (v instanceof Verdict.Rewritten r) {
                for (RewriteCheck.Finding f : r.findings()) ctx.err().println(ctx.command() + ": " + rewrite(f, s.branch()));
                ctx.err().println(ctx.command() + ": if the rewrite was intended, acknowledge it: " + ctx.command()
                        + " verify --vault " + quoted(opts.vault().toString()) + " --acknowledge-rewrite");
                return ExitCodes.VERIFY_FAILED;
            }
            Verdict.Clean clean = (Verdict.Clean) v;
            RepoHealth.Report health = RepoHealth.check(vault);
            if (!health.problems().isEmpty()) {
                return fail("repository: " + health.problems().get(0)
                        + (health.problems().size() > 1 ? " (and " + (health.problems().size() - 1) + " more)" : ""));
            }
            JournalFold fold = new JournalReads().fold(gitDir);
            SignatureAudit sigs = SignatureAudit.of(vault.repository(), vault.head(), VaultPolicy.committed(vault), fold::forged);
            if (!sigs.unproven().isEmpty()) {
                for (SignatureAudit.Finding f : sigs.unproven()) {
                    ctx.err().println(ctx.command() + ": commit " + short12(f.commit()) + " claims to be " + f.claimed()
                            + " but its signature does not prove it: " + f.why());
                }
                return fail(sigs.unproven().size() + " agent commit" + (sigs.unproven().size() == 1 ? "" : "s")
                        + " on " + s.branch() + " not signed by the agent's listed key (held to nobody's zones when they arrived)");
            }
            PrintWriter out = ctx.out();
            out.println(s.name() + ": signatures: " + sigs.verified() + " of " + sigs.checked()
                    + " agent commits since signing began verified" + (sigs.refused() == 0 ? ""
                    : "; " + sigs.refused() + " forger" + (sigs.refused() == 1 ? "y" : "ies") + " of " + s.name()
                    + "'s name refused when they arrived (on the branch, never applied)"));
            out.println(s.name() + ": journal " + records.size() + " records, hash chain intact; " + clean.onRemote()
                    + " landed commits found on the remote branch; repository: " + health.objects() + " objects checked, clean");
            for (RewriteCheck.Acknowledged a : clean.acknowledged()) {
                out.println(s.name() + ": a rewrite of " + s.branch() + " was acknowledged at " + a.at() + ": "
                        + short12(a.ack().oldHead()) + " -> " + short12(a.ack().newHead()) + " (fetched " + a.ack().fetched()
                        + "); " + a.settled() + " landed record" + (a.settled() == 1 ? "" : "s") + " before it settled by it");
            }
        }
        return ExitCodes.OK;
    }

    /** Appends an acknowledgement per rewrite found; OK when it did, else the exit code of the refusal. */
    private int acknowledge(Path gitDir, AgentSettings s) throws IOException {
        Optional<String> broken = journalProblem(gitDir);
        if (broken.isPresent()) return fail(broken.get() + "; nothing acknowledged");
        List<JournalRecord> records = Journal.readAll(gitDir);
        Verdict v;
        try (VaultRepo vault = VaultRepo.open(opts.vault(), s.branch())) {
            v = RewriteCheck.decide(records, RewriteFacts.gather(vault, records));
        }
        if (v instanceof Verdict.Failed f) {
            return fail(failure(f, s.branch()) + "; that is not a rewrite of the remote branch: nothing acknowledged");
        }
        if (v instanceof Verdict.Clean) {
            return fail("nothing to acknowledge: every commit the journal says landed is on the remote branch "
                    + s.branch() + " (or settled by an earlier acknowledgement); no rewrite found");
        }
        Journal journal = new Journal(gitDir, s.name(), s.machine(), DeviceId.of(gitDir), ctx.clock());
        for (RewriteAck a : RewriteCheck.acknowledge((Verdict.Rewritten) v)) {
            journal.append(Op.REWRITE_ACKNOWLEDGE, a.id(), List.of(), a.newHead(), a.detail());
            ctx.out().println(s.name() + ": acknowledged the rewrite of " + s.branch() + " from " + a.oldHead() + " to "
                    + a.newHead() + " (fetched " + a.fetched() + "): journal record" + (a.records().size() == 1 ? " " : "s ")
                    + String.join(", ", a.records().stream().map(String::valueOf).toList())
                    + " no longer need their commits on the remote branch");
        }
        return ExitCodes.OK;
    }

    /** A broken hash chain or a journal cut short, as one line; empty when neither. */
    private static Optional<String> journalProblem(Path gitDir) throws IOException {
        Optional<JournalCheck.FileBreak> broken = JournalCheck.verifyFiles(JournalFiles.all(gitDir));
        if (broken.isPresent()) {
            JournalCheck.Break b = broken.get().brk();
            return Optional.of("journal record " + b.line() + (b.id() == null ? "" : " (" + b.id() + ")") + " is broken: "
                    + b.why() + " [" + broken.get().file() + "]");
        }
        List<JournalRecord> records = Journal.readAll(gitDir);
        return JournalAnchor.read(gitDir).flatMap(a -> a.check(records)).map(cut -> cut + " [" + Journal.file(gitDir) + "]");
    }

    private int fail(String message) {
        ctx.err().println(ctx.command() + ": " + message);
        return ExitCodes.VERIFY_FAILED;
    }

    static String failure(Verdict.Failed f, String branch) {
        RewriteCheck.Landed l = f.record();
        String record = "journal record " + l.line() + " (" + l.id() + ")";
        return switch (f.reason()) {
            case NO_COMMIT -> record + " says its operation landed but names no commit";
            case BAD_ACKNOWLEDGEMENT -> record + " is a rewrite acknowledgement that cannot be read";
            case ABSENT -> record + " says it landed as " + l.commit() + ", which is not in this repository at all:"
                    + " no remote head this clone fetched ever had it";
            case NOT_ON_REMOTE -> record + " says it landed as " + l.commit() + ", which is not on the remote branch "
                    + branch + ", and no forced update of it in this clone's reflog dropped it";
        };
    }

    static String rewrite(RewriteCheck.Finding f, String branch) {
        List<RewriteCheck.Landed> rs = f.records();
        StringBuilder b = new StringBuilder("the remote branch " + branch + " was rewritten (a forced update): it was at "
                + f.rewrite().oldHead() + "; the head fetched at " + f.rewrite().fetched() + ", " + f.rewrite().newHead()
                + ", does not contain it. " + rs.size() + " journal record" + (rs.size() == 1 ? " says its operation" : "s say their operations")
                + " landed on the old head: ");
        for (int i = 0; i < Math.min(5, rs.size()); i++) {
            RewriteCheck.Landed l = rs.get(i);
            b.append(i == 0 ? "" : ", ").append("record ").append(l.line()).append(" (").append(l.id()).append(") as ")
                    .append(short12(l.commit()));
        }
        if (rs.size() > 5) b.append(" and ").append(rs.size() - 5).append(" more");
        return b.toString();
    }

    private static String short12(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** The path as a shell reads it back: single-quoted when it holds anything but plain characters. */
    static String quoted(String path) {
        return path.matches("[A-Za-z0-9_./@:+=-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
