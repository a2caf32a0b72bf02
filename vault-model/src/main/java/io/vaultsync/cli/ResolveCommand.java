package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.Keep;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.CardResolver;
import io.vaultsync.sync.ResolveResult;
import io.vaultsync.sync.SyncCycle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resolve", description = "Decide an open card this agent raised: keep ours (the version of this"
        + " agent), theirs, both (the other beside it as its own file), or skip (close it, change nothing). The"
        + " decision is committed with the card id and pushed.")
final class ResolveCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    VaultOptions opts;

    @Parameters(index = "0", paramLabel = "ID", description = "The card id (see `conflicts`).")
    String id;

    @Option(names = "--keep", required = true, paramLabel = "ours|theirs|both|skip", converter = KeepConverter.class,
            description = "Which version ends in place.")
    Keep keep;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, recorded on the card.")
    String note;

    ResolveCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    static final class KeepConverter implements ITypeConverter<Keep> {
        @Override
        public Keep convert(String value) {
            return Keep.parse(value);
        }
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the resolution, not used in it
    public Integer call() throws Exception {
        Path gitDir = VaultRepo.gitDirOf(opts.vault());
        AgentSettings s = SettingsStore.read(gitDir);
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            ResolveResult r = new CardResolver(s, ctx.clock(), SyncCycle.standard(s)).resolve(opts.vault(), id, keep, note);
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
}
