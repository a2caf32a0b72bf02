package io.vaultsync.sync;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import java.nio.file.Path;
import java.util.Random;

/**
 * A repository made with plain C git before any agent saw it: notes in folders, and (unless clean) an old
 * commit that added a {@code .env} and a file holding a GitHub token, both deleted by a later commit. Pushed
 * to a bare remote; the human's clone is kept beside it.
 *
 * @param secretsCommit the full id of the commit that added the secrets (null when clean)
 * @param token         the token's text (assembled at run time; null when clean)
 */
public record PlainHistory(Path remote, Path human, String secretsCommit, String token) {
    public static final String TOKEN_FILE = "config/github.txt";

    public static PlainHistory create(Path root, boolean withSecrets) {
        Path remote = CGit.initBare(root.resolve("plain.git"));
        Path human = root.resolve("plain-human");
        human.toFile().mkdirs();
        CGit.run(human, "init", "-q", "-b", "main");
        CGit.run(human, "remote", "add", "origin", remote.toString());
        VaultFiles.write(human, "notes/first.md", "# First\n\nSome notes.\n");
        VaultFiles.write(human, "projects/house/plan.md", "# House\n\n- paint the fence\n");
        commit(human, "notes and a plan");
        String secrets = null;
        String token = null;
        if (withSecrets) {
            token = "gh" + "p_" + random(36);
            VaultFiles.write(human, ".env", "API_URL=https://example.invalid\n");
            VaultFiles.write(human, TOKEN_FILE, "ci token: " + token + "\n");
            commit(human, "add the config");
            secrets = CGit.run(human, "rev-parse", "HEAD").trim();
            CGit.run(human, "rm", "-q", ".env", TOKEN_FILE);
            commit(human, "remove the config again");
        }
        VaultFiles.write(human, "notes/second.md", "# Second\n\nMore notes.\n");
        commit(human, "more notes");
        CGit.run(human, "push", "-q", "origin", "main");
        return new PlainHistory(remote, human, secrets, token);
    }

    /** The remote's refs, one line each: what must not change when an adoption stops. */
    public String refs() {
        return CGit.run(remote, "for-each-ref", "--format=%(refname) %(objectname)");
    }

    public String head() {
        return CGit.run(remote, "rev-parse", "main").trim();
    }

    private static void commit(Path repo, String message) {
        CGit.run(repo, "add", "-A");
        CGit.run(repo, "commit", "-qm", message);
    }

    private static String random(int n) {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random r = new Random(16);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(alnum.charAt(r.nextInt(alnum.length())));
        return sb.toString();
    }
}
