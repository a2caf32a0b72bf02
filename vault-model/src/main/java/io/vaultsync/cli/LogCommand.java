package io.vaultsync.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.Durations;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.journal.JournalQuery;
import io.vaultsync.journal.JournalRecord;
import io.vaultsync.journal.PathHistory;
import io.vaultsync.sync.VaultPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(addMethodSubcommands = false, name = "log", description = "This agent's journal, and with --path who changed that file: when, in which"
        + " commit, on which machine, why, and who signed it (verified under the policy in force). No network.")
final class LogCommand extends VaultCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--path", paramLabel = "P", description = "A vault path: its journal records and the commits that changed it.")
    String path;

    @Option(names = "--op", paramLabel = "TYPE", description = "Only journal records of this type, e.g. sync.operation.reconcile.")
    String op;

    @Option(names = "--since", paramLabel = "T", description = "Only since an instant (2026-11-22T10:00:00Z) or a time ago (2h, 30m).")
    String since;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Instant from = since == null ? null : since(since);
        JournalQuery query;
        try {
            query = new JournalQuery(op, from, path);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path gitDir = VaultRepo.gitDirOf(opts.vault());
        AgentSettings s = SettingsStore.read(gitDir);
        JournalQuery.Answer answer = query.run(opts.vault(), gitDir, s.branch(), VaultPolicy::committed);
        return print(json, () -> new Json(answer.records(), answer.withHistory() ? answer.history() : null),
                out -> text(out, answer, s.name()));
    }

    private void text(PrintWriter out, JournalQuery.Answer answer, String me) {
        List<JournalRecord> records = answer.records();
        List<PathHistory.Change> history = answer.history();
        if (answer.withHistory()) {
            out.println("changes to " + path + " on the branch, newest first:");
            if (history.isEmpty()) out.println("  none");
            for (PathHistory.Change c : history) {
                out.printf("  %s  %s%s  commit %s  %s%s%n", c.time().truncatedTo(ChronoUnit.SECONDS),
                        c.agent() == null ? "git: " + c.author() : c.agent(), c.machine() == null ? "" : "@" + c.machine(),
                        c.commit().substring(0, 10), c.subject(), c.operation() == null ? "" : "  [" + c.operation() + "]");
                if (c.signature() != null) out.println("      signature: " + c.signature());
            }
            out.println();
        }
        out.println(me + "'s journal" + (records.isEmpty() ? ": no records" : ", oldest first:"));
        for (JournalRecord r : records) {
            out.printf("  %s  %-26s %s  %s%s%s%n", r.time().truncatedTo(ChronoUnit.SECONDS), r.op(), r.id(),
                    r.commit() == null ? "" : "commit " + r.commit().substring(0, Math.min(10, r.commit().length())) + "  ",
                    r.paths().isEmpty() ? "" : String.join(", ", r.paths()) + "  ", r.detail() == null ? "" : r.detail());
        }
    }

    /** What {@code log --json} prints: the records, and the path's changes when a path was asked for. */
    record Json(List<JournalRecord> journal, @JsonInclude(Include.NON_NULL) List<PathHistory.Change> history) {}

    private Instant since(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return ctx.clock().instant().minus(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--since: not an instant or a duration: '" + text + "'");
            }
        }
    }
}
