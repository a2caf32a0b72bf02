package io.vaultsync.local.approve;

import io.vaultsync.local.approve.VerdictStamp;
import io.vaultsync.work.CommandRole;
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
public record ApprovedItem(String path, String key, String domain) implements CommandRole.Item {
    public static final String FOLDER = "Approved/";

    public static List<ApprovedItem> list(Path workTree) throws IOException {
        List<ApprovedItem> out = new ArrayList<>();
        for (Path f : files(workTree)) out.add(of(workTree, f));
        return out;
    }

    /** The files under {@code Approved/}, sorted: regular and visible ones only. */
    public static List<Path> files(Path workTree) throws IOException {
        Path root = workTree.resolve(FOLDER);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) return List.of();
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                    && !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** The item in one of {@link #files}, as its verdict stamp says. */
    public static ApprovedItem of(Path workTree, Path f) throws IOException {
        Map<String, String> stamp = VerdictStamp.read(Files.readAllBytes(f));
        return new ApprovedItem(path(workTree, f), stamp.get(VerdictStamp.APPROVAL_ID), stamp.get(VerdictStamp.DOMAIN));
    }

    /** The vault path of a file in the work tree. */
    public static String path(Path workTree, Path f) {
        return workTree.relativize(f).toString().replace('\\', '/');
    }

    /** The domain, which selects the executor. */
    @Override
    public String label() {
        return domain;
    }

    public String name() {
        return path.substring(FOLDER.length());
    }
}
