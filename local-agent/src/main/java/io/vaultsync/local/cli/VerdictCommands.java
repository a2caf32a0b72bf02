package io.vaultsync.local.cli;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.cli.VaultCommand;
import io.vaultsync.local.approve.Verdict;
import io.vaultsync.local.approve.VerdictResult;
import io.vaultsync.local.approve.VerdictService;
import io.vaultsync.sync.SyncCycle;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code approve} and {@code reject}: the human's verdict on a draft, pushed at once. */
public final class VerdictCommands {
    private VerdictCommands() {}

    abstract static class VerdictCommand extends VaultCommand {
        @Parameters(paramLabel = "PATH", description = "The draft: Pending_Approval/<domain>/<name>, vault-relative or absolute.")
        String path;

        abstract VerdictResult apply(VerdictService service, Path vault) throws IOException;

        @Override
        public Integer call() throws Exception {
            return locked(s -> print(s.name(), apply(new VerdictService(s, SyncCycle.standard(s)), opts.vault())));
        }

        private int print(String me, VerdictResult r) {
            if (r instanceof VerdictResult.Done d) {
                ctx.out().println(me + ": " + past(d.verdict()) + " " + d.from() + " -> " + d.to() + " (pushed)"
                        + (d.approvalId() == null ? "" : "; approval " + d.approvalId()));
                return ExitCodes.OK;
            }
            if (r instanceof VerdictResult.Provisional p) {
                ctx.out().println(me + ": " + past(p.verdict()) + " " + p.from() + " -> " + p.to()
                        + " in this clone only: the remote is unreachable (" + p.reason() + "); the next sync pushes it");
                return ExitCodes.PROVISIONAL;
            }
            if (r instanceof VerdictResult.Contended c) {
                ctx.out().println(me + ": " + past(c.verdict()) + " " + c.from() + " -> " + c.to()
                        + " in this clone; other writers won the push " + c.attempts() + " times, the next sync pushes it");
                return ExitCodes.CONTENDED;
            }
            if (r instanceof VerdictResult.NoSuchDraft n) {
                ctx.err().println(ctx.command() + ": no draft " + n.path() + " here or on the remote; nothing moved");
                return ExitCodes.NO_SUCH_DRAFT;
            }
            if (r instanceof VerdictResult.NotADraft n) {
                ctx.err().println(ctx.command() + ": " + n.input() + " is not a draft: " + n.why() + "; nothing moved");
                return ExitCodes.NOT_A_DRAFT;
            }
            if (r instanceof VerdictResult.AlreadyApproved a) {
                ctx.err().println(ctx.command() + ": " + a.from() + " was approved here before (approval " + a.approvalId()
                        + " at " + a.time() + "); an item is executed at most once per draft, and an edit that came after"
                        + " the approval is kept on a card, not approved anew; nothing moved. To act on it a second time:"
                        + " approve --again " + a.from());
                return ExitCodes.ALREADY_DECIDED;
            }
            VerdictResult.TargetExists t = (VerdictResult.TargetExists) r;
            ctx.err().println(ctx.command() + ": " + t.to() + " already exists (a verdict on a draft of the same name);"
                    + " nothing moved; rename the draft and try again");
            return ExitCodes.ALREADY_DECIDED;
        }

        private static String past(Verdict v) {
            return v == Verdict.APPROVE ? "approved" : "rejected";
        }
    }

    @Command(addMethodSubcommands = false, name = "approve", description = "Approve a draft: move it to Approved/ and push at once; its executor then acts on it."
            + " A draft approved here before is not approved again (at most one execution per draft) unless --again is given."
            + " Exit 0 done, 9 done here only (remote unreachable), 15 no such draft, 16 not a draft, 17 already decided.")
    public static final class Approve extends VerdictCommand {
        @Option(names = "--again", description = "Approve a draft this machine approved before: its executor acts a second time.")
        boolean again;

        @Override
        VerdictResult apply(VerdictService service, Path vault) throws IOException {
            return service.approve(vault, path, again);
        }
    }

    @Command(addMethodSubcommands = false, name = "reject", description = "Reject a draft: move it to Rejected/ with the reason and push at once."
            + " Exit codes as for approve.")
    public static final class Reject extends VerdictCommand {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; written into the item.")
        String reason;

        @Override
        VerdictResult apply(VerdictService service, Path vault) throws IOException {
            return service.reject(vault, path, reason);
        }
    }
}
