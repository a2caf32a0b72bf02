package io.vaultsync.sync;

import static io.vaultsync.sync.TestVaults.read;
import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Mappers;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.SecretSamples;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import io.vaultsync.status.StatusService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretGateEndToEndTest {
    @TempDir
    Path root;

    @Test
    void noSecretReachesTheRemoteEvenWithGitignoreDeleted() throws Exception {
        TestVaults v = TestVaults.create(root);
        List<SecretSamples.Sample> samples = SecretSamples.all();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(25);
        for (Path vault : List.of(v.cloud(), v.local())) {
            Files.delete(vault.resolve(".gitignore"));
            for (SecretSamples.Sample s : samples) write(vault, s.path(), s.content());
            write(vault, "Plans/innocent.md", "# plain plan\n");
        }

        SyncReport cloud = v.syncCloud();
        SyncReport local = v.syncLocal();

        List<String[]> history = RemoteTree.everVersion(v.remote(), "main");
        for (SecretSamples.Sample s : samples) {
            assertThat(history).as("history holds %s", s.path()).noneMatch(e -> e[0].equals(s.path()));
            assertThat(history).as("history holds the bytes of %s", s.path()).noneMatch(e -> e[1].equals(s.content()));
            for (Path vault : List.of(v.cloud(), v.local())) {
                assertThat(read(vault, s.path())).as("%s still on disk", s.path()).isEqualTo(s.content());
            }
        }
        // each sample is reported by the agent whose zone it is in, with its rule; the rest are outside zones
        Zones zones = new Zones(Policy.defaults("cloud_agent", "local_agent"));
        Map<String, String> rules = new java.util.HashMap<>();
        for (SyncReport r : List.of(cloud, local)) {
            r.blocked().forEach(b -> rules.put(b.path(), b.rule()));
        }
        for (SecretSamples.Sample s : samples) {
            if (zones.owner(s.path()).isEmpty()) {
                // a path no agent may write is never a candidate: it is never committed by anyone
                continue;
            }
            assertThat(rules).as("rule for %s", s.path()).containsKey(s.path());
            assertThat(rules.get(s.path())).startsWith(s.expectedRulePrefix());
        }
        long reported = samples.stream().filter(s -> rules.containsKey(s.path())).count();
        assertThat(reported).as("samples reported as blocked").isGreaterThanOrEqualTo(25);
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/innocent.md");
        // the status tells the same, with the rule and never the content
        var st = StatusService.compute(v.cloud(), v.cloudAgent());
        assertThat(st.blocked()).extracting(BlockedPath::path).containsExactlyInAnyOrderElementsOf(
                cloud.blocked().stream().map(BlockedPath::path).collect(Collectors.toList()));
        String json = Mappers.JSON.writeValueAsString(st);
        for (SecretSamples.Sample s : samples) {
            if (s.content().length() > 12) assertThat(json).doesNotContain(s.content().strip());
        }
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void aTokenInAFileNameHoldsTheFileBackAndIsOnlyEverShownMasked() throws Exception {
        TestVaults v = TestVaults.create(root);
        String token = "gh" + "p_" + "Zq3" + "x".repeat(30) + "K9w";
        write(v.cloud(), "Plans/" + token + ".md", "# plan\n");
        write(v.cloud(), "Plans/EMAIL_" + token + "/notes.md", "# notes\n");
        write(v.cloud(), "Plans/innocent.md", "# plain plan\n");

        SyncReport r = v.syncCloud();

        assertThat(r.blocked()).containsExactlyInAnyOrder(new BlockedPath("Plans/***.md", "name:github-token"),
                new BlockedPath("Plans/EMAIL_***/notes.md", "name:github-token"));
        assertThat(RemoteTree.everVersion(v.remote(), "main")).noneMatch(e -> e[0].contains(token));
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/innocent.md");
        assertThat(v.cloud().resolve("Plans/" + token + ".md")).exists();
        var status = StatusService.compute(v.cloud(), v.cloudAgent());
        String json = Mappers.JSON.writeValueAsString(status);
        assertThat(json).doesNotContain(token).contains("Plans/***.md", "name:github-token");
    }

    @Test
    void symlinkIsNeverFollowedNorCommitted() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path outside = root.resolve("outside-secret.txt");
        Files.writeString(outside, "top secret\n");
        Files.createSymbolicLink(v.cloud().resolve("Plans/link.md"), outside);
        SyncReport r = v.syncCloud();
        assertThat(r.blocked()).contains(new BlockedPath("Plans/link.md", "symlink"));
        assertThat(RemoteTree.everVersion(v.remote(), "main")).noneMatch(e -> e[0].equals("Plans/link.md"))
                .noneMatch(e -> e[1].contains("top secret"));
        assertThat(Files.isSymbolicLink(v.cloud().resolve("Plans/link.md"))).isTrue();
    }

    @Test
    void hugeFileIsSkippedAndReported() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path big = v.cloud().resolve("Plans/huge.md");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), 6L * 1024 * 1024);
        }
        write(v.cloud(), "Plans/small.md", "small\n");
        SyncReport r = v.syncCloud();
        assertThat(r.blocked()).contains(new BlockedPath("Plans/huge.md", "size-limit"));
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/small.md").doesNotContainKey("Plans/huge.md");
        assertThat(big).exists();
    }
}
