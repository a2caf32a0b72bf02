package io.vaultsync.conflict;

import io.vaultsync.conflict.CardReader;
import io.vaultsync.conflict.ConflictCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The decision cards in a work tree, every agent's: read, or named as unreadable. */
public final class CardFiles {
    private CardFiles() {}

    /** A card file: the card, or why it could not be read. */
    public record Entry(String file, String agent, ConflictCard card, String problem) {}

    public static List<Entry> all(Path workTree) throws IOException {
        Path root = workTree.resolve(ConflictCard.DIR);
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) return out;
        try (Stream<Path> agents = Files.list(root)) {
            for (Path agentDir : agents.sorted().toList()) {
                if (!Files.isDirectory(agentDir, LinkOption.NOFOLLOW_LINKS)) continue;
                String agent = agentDir.getFileName().toString();
                try (Stream<Path> cards = Files.list(agentDir)) {
                    for (Path f : cards.sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (!name.endsWith(".md") || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) continue;
                        String rel = workTree.relativize(f).toString().replace('\\', '/');
                        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                        if (!CardReader.looksLikeCard(text)) continue;
                        try {
                            out.add(new Entry(rel, agent, CardReader.parse(rel, text), null));
                        } catch (CardReader.NotACardException e) {
                            out.add(new Entry(rel, agent, null, e.getMessage()));
                        }
                    }
                }
            }
        }
        return out;
    }

    public static List<Entry> open(Path workTree) throws IOException {
        return all(workTree).stream().filter(e -> e.card() == null || e.card().isOpen()).toList();
    }

    /** The card with this id (or this file name without {@code .md}), any agent's. */
    public static Optional<Entry> find(Path workTree, String id) throws IOException {
        return all(workTree).stream().filter(e -> e.card() != null && e.card().id().equals(id)).findFirst();
    }
}
