package io.vaultsync.cli;

import io.vaultsync.config.Mappers;
import io.vaultsync.doctor.DoctorReport;
import io.vaultsync.doctor.VaultDoctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(addMethodSubcommands = false, name = "doctor", description = "Check the vault end to end: the remote (reachable, authentication, host key or"
        + " TLS certificate, repository, push allowed), the daemon, the policy, the journal, inotify watches, disk,"
        + " locale and clock. One line per check (ok, warn or fail) with what to do; exit 0 unless one failed, else 23.")
public final class DoctorCommand extends VaultCommand {
    @Option(names = "--json", description = "Print JSON instead of text: {\"ok\": bool, \"checks\": [{name, level, detail, fix}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DoctorReport r = new VaultDoctor(ctx.clock()).examine(opts.vault());
        if (json) {
            ctx.out().println(Mappers.prettyJson(r));
        } else {
            r.lines().forEach(ctx.out()::println);
        }
        ctx.out().flush();
        return r.passed() ? ExitCodes.OK : ExitCodes.DOCTOR_FAILED;
    }
}
