package io.vaultsync.local.remote;

import static io.vaultsync.local.remote.Agents.CLOUD;
import static io.vaultsync.local.remote.Agents.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the POSIX locale (a bare VM, a supervisor without LANG) Java cannot name {@code café.md}; the agents
 * do not depend on it: a non-ASCII name syncs both ways.
 */
class LocaleIT {
    @TempDir
    Path root;

    @Test
    void nonAsciiFileNamesSyncUnderThePosixLocale() throws Exception {
        Path bare = CGit.initBare(root.resolve("remote.git"));
        Agents posix = new Agents(root.resolve("home")).env("LC_ALL", "C").env("LANG", "C");
        posix.ok(LOCAL, "init", "--vault", root.resolve("local").toString(), "--remote", bare.toString());
        posix.ok(CLOUD, "init", "--vault", root.resolve("cloud").toString(), "--remote", bare.toString());
        Path plan = root.resolve("cloud/Plans/café – résumé ✓.md");
        Files.writeString(plan, "é\n");

        posix.ok(CLOUD, "sync", "--vault", root.resolve("cloud").toString());
        posix.ok(LOCAL, "sync", "--vault", root.resolve("local").toString());

        assertThat(RemoteTree.files(bare, "main")).containsKey("Plans/café – résumé ✓.md");
        assertThat(root.resolve("local/Plans/café – résumé ✓.md")).hasContent("é");
    }
}
