package io.vaultsync.status;

import io.vaultsync.conflict.CardReader;
import io.vaultsync.conflict.ConflictCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the open decision cards of every agent in a work tree. */
public final class OpenCards {
    private OpenCards() {}

    public static List<StatusReport.OpenCard> list(Path workTree) throws IOException {
        Path root = workTree.resolve(ConflictCard.DIR);
        List<StatusReport.OpenCard> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) return out;
        try (Stream<Path> agents = Files.list(root)) {
            for (Path agentDir : agents.sorted().toList()) {
                if (!Files.isDirectory(agentDir, LinkOption.NOFOLLOW_LINKS)) continue;
                try (Stream<Path> cards = Files.list(agentDir)) {
                    for (Path card : cards.sorted().toList()) {
                        String name = card.getFileName().toString();
                        if (!name.endsWith(".md") || !Files.isRegularFile(card, LinkOption.NOFOLLOW_LINKS)) continue;
                        StatusReport.OpenCard c = parse(workTree.relativize(card).toString().replace('\\', '/'),
                                agentDir.getFileName().toString(), Files.readString(card, StandardCharsets.UTF_8));
                        if (c != null) out.add(c);
                    }
                }
            }
        }
        return out;
    }

    /** The card if its front matter says it is open; null for a closed card or a file that is no card. */
    static StatusReport.OpenCard parse(String cardPath, String agent, String text) {
        if (!CardReader.looksLikeCard(text)) return null;
        try {
            ConflictCard c = CardReader.parse(cardPath, text);
            return c.isOpen() ? new StatusReport.OpenCard(cardPath, c.kind().yamlName(), c.path(), agent) : null;
        } catch (CardReader.NotACardException e) {
            return null;
        }
    }
}
