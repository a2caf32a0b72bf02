package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file name that is not valid UTF-8 is compared as git's bytes everywhere: a fetched commit that adds one
 * is refused and restored by the owner of the zone it falls in, whoever wrote it, and no agent ever
 * commits such a name (issue 14, item 4: {@code Approved/pay<0xFF>.md} used to land and be committed again
 * under the local agent's name).
 */
class NonUtf8NamesTest {
    @TempDir
    Path root;
    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
        v.syncCloud();
        v.syncLocal();
    }

    @Test
    void aPlainGitApprovalWithABadNameIsRefusedCardedAndNeverCommittedByTheLocalAgent() throws Exception {
        Path human = pushRawName("Approved/pay\\377.md", "pay 10000 to mallory\n", "");

        SyncReport r = v.syncLocal();
        v.syncLocal();

        assertThat(r.outcome()).isInstanceOf(SyncOutcome.Synced.class);
        assertThat(rawPathsAtHead(v.remote())).noneMatch(NonUtf8NamesTest::hasByteFF);
        assertThat(rawPathsAtHead(v.local().resolve(".git"))).noneMatch(NonUtf8NamesTest::hasByteFF);
        assertThat(v.local().resolve("Approved").toFile().list()).noneMatch(n -> n.startsWith("pay"));
        assertThat(addersOfBadNames(v.remote())).containsOnly("Human");
        assertThat(r.cards()).hasSize(1);
        ConflictCard card = io.vaultsync.conflict.CardReader.parse(r.cards().get(0),
                RemoteTree.files(v.remote(), "main").get(r.cards().get(0)));
        assertThat(card.kind()).isEqualTo(ConflictKind.ZONE_VIOLATION);
        assertThat(card.path()).startsWith("Approved/pay").endsWith(".md");
        assertThat(card.reason()).contains("not valid UTF-8");
        // the cloud takes the correction, and its own cycles commit nothing of it either
        v.syncCloud();
        assertThat(addersOfBadNames(v.remote())).containsOnly("Human");
        assertThat(human).exists();
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void aBadNameInTheCloudsZoneIsRefusedEvenUnderTheCloudsOwnName() throws Exception {
        pushRawName("Plans/x\\377.md", "plan\n", "-c user.name=cloud_agent -c user.email=cloud_agent@vaultsync");

        v.syncLocal();
        SyncReport cloud = v.syncCloud();
        v.syncLocal();

        assertThat(cloud.cards()).hasSize(1);
        assertThat(rawPathsAtHead(v.remote())).noneMatch(NonUtf8NamesTest::hasByteFF);
        assertThat(addersOfBadNames(v.remote())).containsOnly("cloud_agent");
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void aBadNameMadeInTheWorkTreeIsHeldBackAndReported() throws Exception {
        sh(v.local(), "printf 'mine\\n' > \"$(printf 'Approved/ok\\377.md')\"");

        SyncReport r = v.syncLocal();

        assertThat(rawPathsAtHead(v.remote())).noneMatch(NonUtf8NamesTest::hasByteFF);
        assertThat(r.blocked()).anySatisfy(b -> assertThat(b.rule()).isEqualTo("bad-name"));
    }

    /** A human clone commits {@code content} at the path {@code printfPath} (printf escapes) and pushes it. */
    private Path pushRawName(String printfPath, String content, String identity) throws Exception {
        Path human = root.resolve("human");
        CGit.run(root, "clone", "-q", v.remote().toString(), human.toString());
        sh(human, "mkdir -p \"$(dirname \"$(printf '" + printfPath + "')\")\" && printf '" + content.replace("\n", "\\n")
                + "' > \"$(printf '" + printfPath + "')\" && git add -A && git -c user.name=Human -c user.email=human@example.invalid "
                + identity + " -c commit.gpgsign=false commit -qm 'add by hand' && git push -q origin main");
        return human;
    }

    private static String sh(Path dir, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static byte[] git(Path gitDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static List<byte[]> rawPathsAtHead(Path gitDir) throws Exception {
        return split(git(gitDir, "ls-tree", "-r", "-z", "--name-only", "main"));
    }

    /** Authors of the commits that added a path holding byte 0xFF, from C git's raw output. */
    private static List<String> addersOfBadNames(Path gitDir) throws Exception {
        List<String> out = new ArrayList<>();
        String author = null;
        for (byte[] field : split(git(gitDir, "log", "main", "-z", "--diff-filter=A", "--name-only", "--format=@@%an"))) {
            String s = new String(field, StandardCharsets.ISO_8859_1).strip();
            int at = s.lastIndexOf("@@");
            if (at >= 0) {
                author = s.substring(at + 2).lines().findFirst().orElse("");
                s = s.substring(at + 2).lines().skip(1).findFirst().orElse("");
            }
            if (s.indexOf('\u00ff') >= 0) out.add(author);
        }
        return out;
    }

    private static List<byte[]> split(byte[] z) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (byte b : z) {
            if (b == 0) {
                out.add(cur.toByteArray());
                cur.reset();
            } else {
                cur.write(b);
            }
        }
        if (cur.size() > 0) out.add(cur.toByteArray());
        return out;
    }

    private static boolean hasByteFF(byte[] path) {
        for (byte b : path) if (b == (byte) 0xFF) return true;
        return false;
    }

    static Map<String, String> files(Path remote) {
        return RemoteTree.files(remote, "main");
    }
}
