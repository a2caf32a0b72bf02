package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.git.StagedFile;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many files read and gated at once come out as one at a time would: staged in the scan's order with the
 * bytes on disk, every secret held back with its rule, a file gone since the scan skipped.
 */
class CandidatesTest {
    @TempDir
    Path vault;

    @Test
    void manyFilesAreStagedInTheScansOrderAndEverySecretIsHeldBack() throws Exception {
        Policy policy = Policy.defaults("cloud_agent", "local_agent");
        List<Zones.Change> changes = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String path = String.format("Plans/p%02d/f%04d.md", i % 17, i);
            if (i % 97 == 0) {
                VaultFiles.write(vault, path, "aws_secret_access_key = " + token(i) + "\n");
                secrets.add(path);
            } else if (i % 101 == 0) {
                path = path + ".gone"; // listed by the scan, deleted before it is read
            } else {
                VaultFiles.write(vault, path, "plan " + i + "\n");
                plain.add(path);
            }
            changes.add(new Zones.Change(path, Zones.Change.Kind.ADD));
        }
        changes.add(new Zones.Change("Approved/not-mine.md", Zones.Change.Kind.ADD));

        Candidates c = Candidates.classify(vault, new Zones(policy), PolicyGate.of(policy), "cloud_agent", changes);

        assertThat(c.stageable()).extracting(StagedFile::path).containsExactlyElementsOf(plain);
        for (StagedFile f : c.stageable()) {
            String n = f.path().substring(f.path().lastIndexOf('f') + 1, f.path().length() - 3);
            assertThat(new String(f.content(), StandardCharsets.UTF_8)).isEqualTo("plan " + Integer.parseInt(n) + "\n");
        }
        assertThat(c.blocked()).extracting(BlockedPath::path).containsExactlyElementsOf(secrets);
        assertThat(c.blocked()).allMatch(b -> b.rule().startsWith("content:"));
        assertThat(c.outside()).containsExactly("Approved/not-mine.md");
    }

    /** 40 random letters, digits and slashes: the shape of a cloud secret key, made here so none is in the source. */
    private static String token(int seed) {
        java.util.Random r = new java.util.Random(seed);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 40; k++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }
}
