package io.vaultsync.local.exec;

import io.vaultsync.local.approve.VerdictStamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A file in {@code Approved/} with what its verdict stamp says: the approval id (the executor's
 * idempotency key) and the domain whose executor acts on it. Hidden files and symlinks are not items.
 */
public record ApprovedItem(String path, String key, String domain) {
    public static final String FOLDER = "Approved/";

    public static List<ApprovedItem> list(Path workTree) throws IOException {
        Path root = workTree.resolve(FOLDER);
        List<ApprovedItem> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) return out;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted().toList()) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || f.getFileName().toString().startsWith(".")) continue;
                Map<String, String> stamp = VerdictStamp.read(Files.readAllBytes(f));
                String rel = workTree.relativize(f).toString().replace('\\', '/');
                out.add(new ApprovedItem(rel, stamp.get(VerdictStamp.APPROVAL_ID), stamp.get(VerdictStamp.DOMAIN)));
            }
        }
        return out;
    }

    public String name() {
        return path.substring(FOLDER.length());
    }
}
