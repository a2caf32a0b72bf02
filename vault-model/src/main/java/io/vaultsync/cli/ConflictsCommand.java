package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.Keep;
import io.vaultsync.conflict.CardFiles;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "conflicts", description = "List the open decision cards in this clone, every agent's, and which of"
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
        return print(json, () -> cards.stream().map(e -> toMap(e, s.name())).toList(), out -> text(out, cards, s.name()));
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

    private static Map<String, Object> toMap(CardFiles.Entry e, String me) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", e.file());
        ConflictCard c = e.card();
        if (c == null) {
            m.put("problem", e.problem());
            return m;
        }
        m.put("id", c.id());
        m.put("kind", c.kind().yamlName());
        m.put("path", c.path());
        m.put("status", c.isOpen() ? "open" : "resolved");
        m.put("base", c.base());
        m.put("ours", side(c.ours()));
        m.put("theirs", side(c.theirs()));
        m.put("inPlace", c.inPlace().name().toLowerCase(java.util.Locale.ROOT));
        m.put("options", c.options().stream().map(Keep::yamlName).toList());
        m.put("recommendation", c.recommendation().yamlName());
        m.put("reason", c.reason());
        m.put("createdAt", c.createdAt().toString());
        m.put("createdBy", c.createdBy());
        m.put("resolvableHere", c.isOpen() && c.createdBy().equals(me));
        if (!c.isOpen()) m.put("resolution", c.resolution().keep().yamlName());
        return m;
    }

    private static Map<String, Object> side(ConflictCard.Version v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", v.agent());
        m.put("commit", v.commit());
        m.put("at", v.at());
        return m;
    }
}
