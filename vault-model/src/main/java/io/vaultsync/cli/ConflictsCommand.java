package io.vaultsync.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.Keep;
import io.vaultsync.conflict.CardFiles;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(addMethodSubcommands = false, name = "conflicts", description = "List the open decision cards in this clone, every agent's, and which of"
        + " them this agent can resolve. No network: sync first for the newest.")
final class ConflictsCommand extends VaultCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--all", description = "Include resolved cards.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        AgentSettings s = settings();
        List<CardFiles.Entry> cards = all ? CardFiles.all(opts.vault()) : CardFiles.open(opts.vault());
        return print(json, () -> cards.stream().map(e -> json(e, s.name())).toList(), out -> text(out, cards, s.name()));
    }

    private void text(PrintWriter out, List<CardFiles.Entry> cards, String me) {
        if (cards.isEmpty()) out.println(all ? "no cards" : "no open cards");
        for (CardFiles.Entry e : cards) {
            ConflictCard c = e.card();
            if (c == null) {
                out.printf("%s  unreadable: %s%n", e.file(), e.problem());
                continue;
            }
            out.printf("%s  %s  %s%n", c.id(), c.kind().yamlName(), c.path());
            out.printf("    ours %s%s, theirs %s%s; recommended %s%n", c.ours().agent(), where(c.ours()),
                    c.theirs().agent(), where(c.theirs()), c.recommendation().yamlName());
            if (!c.isOpen()) {
                out.printf("    resolved: %s by %s at %s%n", c.resolution().keep().yamlName(), c.resolution().by(),
                        c.resolution().at());
            } else if (c.createdBy().equals(me)) {
                out.printf("    resolve %s --keep %s%n", c.id(), String.join("|",
                        c.options().stream().map(k -> k == Keep.SKIP ? "skip" : k.yamlName().substring(5)).toList()));
            } else {
                out.printf("    %s resolves this one%n", c.createdBy());
            }
        }
    }

    private static String where(ConflictCard.Version v) {
        return v.at() == null ? " (absent)" : " at " + v.at();
    }

    /** What {@code conflicts --json} prints of a card file: the card as below, or why it could not be read. */
    static Object json(CardFiles.Entry e, String me) {
        ConflictCard c = e.card();
        if (c == null) return new Unreadable(e.file(), e.problem());
        return new CardJson(e.file(), c.id(), c.kind().yamlName(), c.path(), c.isOpen() ? "open" : "resolved", c.base(),
                c.ours(), c.theirs(), c.inPlace().name().toLowerCase(Locale.ROOT),
                c.options().stream().map(Keep::yamlName).toList(), c.recommendation().yamlName(), c.reason(),
                c.createdAt(), c.createdBy(), c.isOpen() && c.createdBy().equals(me),
                c.isOpen() ? null : c.resolution().keep().yamlName());
    }

    record Unreadable(String file, String problem) {}

    /** A readable card; {@code resolution} only once it is resolved. */
    record CardJson(String file, String id, String kind, String path, String status, String base,
            ConflictCard.Version ours, ConflictCard.Version theirs, String inPlace, List<String> options,
            String recommendation, String reason, Instant createdAt, String createdBy, boolean resolvableHere,
            @JsonInclude(JsonInclude.Include.NON_NULL) String resolution) {}
}
