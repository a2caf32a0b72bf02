package io.vaultsync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A person's folder of notes for adoption tests, and the hash of every file in it (its {@code .git} aside). */
final class FolderTrees {
    private FolderTrees() {}

    /** Every file under {@code dir} but {@code .git/}, by relative path, to its SHA-256. */
    static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.equals(".git") || rel.startsWith(".git/") || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static void write(Path dir, String rel, String content) {
        try {
            Path f = dir.resolve(rel);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PEM private-key block built at run time (this source holds none). */
    static String privateKey() {
        byte[] body = new byte[300];
        new Random(7).nextBytes(body);
        String kind = "OPENSSH " + "PRIVATE KEY";
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(body) + "\n-----END " + kind + "-----\n";
    }

    /**
     * Notes in nested folders and at the top, Unicode names, a {@code .env}, a key file, a note with a key in it,
     * a note the person's own {@code .gitignore} keeps out of git, and that {@code .gitignore}.
     */
    static Path notes(Path dir) {
        write(dir, "Inbox.md", "# Inbox\n- call the plumber\n");
        write(dir, "Projects/alpha/plan.md", "# Alpha\nsteps\n");
        write(dir, "Projects/beta.md", "# Beta\n");
        write(dir, "café/Ünïcode note.md", "# Café\nnoté\n");
        write(dir, ".env", "API_" + "TOKEN=" + "zq8Xv2LmP0rTn4Ws6Yb1Kd3Hf5Jg7Qc9\n");
        write(dir, "keys/id_ed25519", privateKey());
        write(dir, "Projects/server notes.txt", "the deploy key:\n" + privateKey());
        write(dir, "private/diary.md", "dear diary\n");
        write(dir, ".gitignore", "# mine\nprivate/\n*.tmp\n");
        return dir;
    }
}
