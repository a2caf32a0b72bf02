package io.vaultsync.local.notify;

import io.vaultsync.conflict.CardFiles;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.markdown.FrontMatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The drafts ({@code Pending_Approval/<domain>/*.md}) and open decision cards in a work tree, as
 * {@link Arrivals.Item}s. A file the secret gate would hold back (by its name, size or content) is left out:
 * its name or title never reaches a notification.
 */
final class Waiting {
    static final String PENDING = "Pending_Approval/";
    private static final int TITLE_MAX = 200;

    private Waiting() {}

    static List<Arrivals.Item> in(Path workTree) throws IOException {
        SecretGate gate = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);
        List<Arrivals.Item> out = new ArrayList<>();
        for (Path domain : list(workTree.resolve(PENDING))) {
            String name = domain.getFileName().toString();
            if (!Files.isDirectory(domain, LinkOption.NOFOLLOW_LINKS) || name.startsWith(".")
                    || (PENDING + name + "/").equals(ConflictCard.DIR)) {
                continue;
            }
            for (Path f : list(domain)) {
                String file = f.getFileName().toString();
                if (file.startsWith(".") || !file.endsWith(".md") || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) continue;
                String rel = PENDING + name + "/" + file;
                byte[] bytes = Files.readAllBytes(f);
                if (gate.check(rel, false, bytes.length, bytes).blocked()) continue;
                out.add(new Arrivals.Item(rel, Arrivals.Item.DRAFT, title(bytes, file)));
            }
        }
        for (CardFiles.Entry e : CardFiles.open(workTree)) {
            byte[] bytes = Files.readAllBytes(workTree.resolve(e.file()));
            if (gate.check(e.file(), false, bytes.length, bytes).blocked()) continue;
            String title = e.card() == null ? "unreadable card: " + e.problem()
                    : e.card().kind().yamlName() + ": " + e.card().path();
            out.add(new Arrivals.Item(e.file(), Arrivals.Item.CARD, shorten(title)));
        }
        return out;
    }

    /** The front matter's {@code title} or {@code subject}, else the first Markdown heading, else the file name. */
    static String title(byte[] bytes, String fileName) {
        Map<String, String> fm = new FrontMatter(List.of("title", "subject")).values(bytes);
        for (String key : List.of("title", "subject")) {
            String v = fm.get(key);
            if (v != null && !v.isBlank()) return shorten(v.strip());
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", 200)) {
            if (line.startsWith("# ")) return shorten(line.substring(2).strip());
        }
        return fileName;
    }

    private static String shorten(String s) {
        return s.length() <= TITLE_MAX ? s : s.substring(0, TITLE_MAX - 1) + "…";
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
