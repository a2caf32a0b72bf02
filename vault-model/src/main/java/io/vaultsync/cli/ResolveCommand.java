package io.vaultsync.cli;

import io.vaultsync.conflict.Keep;
import io.vaultsync.sync.CardResolver;
import io.vaultsync.sync.ResolveResult;
import io.vaultsync.sync.SyncCycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(addMethodSubcommands = false, name = "resolve", description = "Decide an open card this agent raised: keep ours (the version of this"
        + " agent), theirs, both (the other beside it as its own file), or skip (close it, change nothing). The"
        + " decision is committed with the card id and pushed.")
final class ResolveCommand extends VaultCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The card id (see `conflicts`).")
    String id;

    @Option(names = "--keep", required = true, paramLabel = "ours|theirs|both|skip", converter = KeepConverter.class,
            description = "Which version ends in place.")
    Keep keep;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, recorded on the card.")
    String note;

    static final class KeepConverter implements ITypeConverter<Keep> {
        @Override
        public Keep convert(String value) {
            return Keep.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        return locked(s -> print(new CardResolver(s, ctx.clock(), SyncCycle.standard(s)).resolve(opts.vault(), id, keep, note)));
    }

    private int print(ResolveResult r) {
        var out = ctx.out();
        var err = ctx.err();
        if (r instanceof ResolveResult.Resolved done) {
            out.printf("resolved %s: %s for %s%n", done.card().id(), keep.yamlName(), done.card().path());
            Reports.print(out, done.report());
            return Reports.exitCode(done.report().outcome());
        }
        if (r instanceof ResolveResult.NoSuchCard n) {
            err.printf("%s: no card %s here or on the remote (see `conflicts`)%n", ctx.command(), n.id());
            return ExitCodes.NO_SUCH_CARD;
        }
        if (r instanceof ResolveResult.AlreadyResolved a) {
            err.printf("%s: card %s is already resolved (%s by %s at %s)%n", ctx.command(), a.card().id(),
                    a.card().resolution().keep().yamlName(), a.card().resolution().by(), a.card().resolution().at());
            return ExitCodes.NO_SUCH_CARD;
        }
        ResolveResult.NotPermitted np = (ResolveResult.NotPermitted) r;
        err.printf("%s: %s%n", ctx.command(), np.why());
        return ExitCodes.NOT_PERMITTED;
    }
}
