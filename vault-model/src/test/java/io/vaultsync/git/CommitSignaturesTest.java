package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.TestSigning;
import io.vaultsync.trust.Judge;
import io.vaultsync.trust.KeyRing;
import io.vaultsync.trust.SignatureFacts;
import io.vaultsync.trust.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SSH signatures (keys from C ssh-keygen, signed by JGit's signer) judged against the policy's keys:
 * a listed key proves its agent; an unlisted key, a revoked key, a tampered commit and no signature prove
 * nobody, each with its own verdict.
 */
class CommitSignaturesTest {
    @TempDir
    static Path dir;
    static TestSigning.Key cloud;
    static TestSigning.Key old;
    static TestSigning.Key stranger;

    @BeforeAll
    static void keys() {
        cloud = TestSigning.generate(dir.resolve("keys"), "cloud");
        old = TestSigning.generate(dir.resolve("keys"), "old");
        stranger = TestSigning.generate(dir.resolve("keys"), "stranger");
    }

    @Test
    void eachKindOfCommitGetsItsVerdict() throws Exception {
        KeyRing ring = KeyRing.of(Map.of("cloud_agent", List.of(cloud.publicLine())), Map.of("cloud_agent", List.of(old.publicLine())));
        try (Git git = Git.init().setDirectory(dir.resolve("repo").toFile()).call(); Repository repo = git.getRepository()) {
            ObjectId listed = commit(repo, cloud, "by the cloud");
            ObjectId revoked = commit(repo, old, "by the old key");
            ObjectId unlisted = commit(repo, stranger, "by a stranger");
            ObjectId unsigned = commit(repo, null, "by nobody");
            ObjectId tampered = tamper(repo, listed);
            CommitSignatures sigs = new CommitSignatures(repo);
            try (RevWalk rw = new RevWalk(repo)) {
                assertThat(Judge.judge(sigs.facts(rw.parseCommit(listed)), ring))
                        .isEqualTo(new Verdict.SignedBy("cloud_agent", KeyRing.fingerprint(cloud.publicLine())));
                assertThat(Judge.judge(sigs.facts(rw.parseCommit(revoked)), ring))
                        .isEqualTo(new Verdict.RevokedKey("cloud_agent", KeyRing.fingerprint(old.publicLine())));
                assertThat(Judge.judge(sigs.facts(rw.parseCommit(unlisted)), ring))
                        .isEqualTo(new Verdict.UnlistedKey(KeyRing.fingerprint(stranger.publicLine())));
                assertThat(Judge.judge(sigs.facts(rw.parseCommit(unsigned)), ring)).isEqualTo(new Verdict.Unsigned());
                assertThat(Judge.judge(sigs.facts(rw.parseCommit(tampered)), ring)).isInstanceOf(Verdict.BadSignature.class);
            }
        }
    }

    @Test
    void aSignatureIsCheckedOncePerCommit() throws Exception {
        try (Git git = Git.init().setDirectory(dir.resolve("cached").toFile()).call(); Repository repo = git.getRepository()) {
            ObjectId listed = commit(repo, cloud, "by the cloud");
            CommitSignatures sigs = new CommitSignatures(repo);
            try (RevWalk rw = new RevWalk(repo)) {
                RevCommit c = rw.parseCommit(listed);
                SignatureFacts first = sigs.facts(c);
                assertThat(first).isInstanceOf(SignatureFacts.Good.class);
                long start = System.nanoTime();
                for (int i = 0; i < 1000; i++) assertThat(sigs.facts(c)).isSameAs(first);
                assertThat((System.nanoTime() - start) / 1_000_000).as("1000 cached looks, ms").isLessThan(500);
            }
        }
    }

    /** What judging costs per fetched commit: one verification each (printed; bounded loosely for slow machines). */
    @Test
    void verifyingOneSignatureTakesUnderAMillisecondMedian() throws Exception {
        try (Git git = Git.init().setDirectory(dir.resolve("cost").toFile()).call(); Repository repo = git.getRepository()) {
            List<ObjectId> commits = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) commits.add(commit(repo, cloud, "commit " + i));
            CommitSignatures sigs = new CommitSignatures(repo);
            long[] nanos = new long[commits.size()];
            try (RevWalk rw = new RevWalk(repo)) {
                for (int i = 0; i < commits.size(); i++) {
                    RevCommit c = rw.parseCommit(commits.get(i));
                    long start = System.nanoTime();
                    assertThat(sigs.facts(c)).isInstanceOf(SignatureFacts.Good.class);
                    nanos[i] = System.nanoTime() - start;
                }
            }
            long[] warm = java.util.Arrays.copyOfRange(nanos, 20, nanos.length);
            java.util.Arrays.sort(warm);
            double median = warm[warm.length / 2] / 1e6;
            System.out.printf("CommitSignaturesTest: verifying a signature: median %.2f ms, p90 %.2f ms (%d commits)%n", median,
                    warm[warm.length * 9 / 10] / 1e6, warm.length);
            assertThat(median).isLessThan(50);
        }
    }

    @Test
    void aCommitSignedWithThisClonesOwnKeyIsItsOwnEvenWhenItsJournalLostIt() throws Exception {
        try (Git git = Git.init().setDirectory(dir.resolve("own").toFile()).call(); Repository repo = git.getRepository()) {
            ObjectId signed = commit(repo, cloud, "by the cloud");
            ObjectId unsigned = commit(repo, null, "by the cloud, unsigned");
            CommitTrust.Own forgetful = new CommitTrust.Own() {
                @Override
                public boolean made(RevCommit c) {
                    return false;
                }

                @Override
                public void forged(RevCommit c, String why) {}
            };
            io.vaultsync.policy.Policy policy = io.vaultsync.policy.Policy.defaults("cloud_agent", "local_agent");
            CommitTrust trust = new CommitTrust(repo, policy, "cloud_agent", forgetful, cloud.publicLine());
            try (RevWalk rw = new RevWalk(repo)) {
                assertThat(trust.held(rw.parseCommit(signed)).agent()).isEqualTo("cloud_agent");
                Judge.Held forged = trust.held(rw.parseCommit(unsigned));
                assertThat(forged.agent()).isNull();
                assertThat(forged.forgery()).isTrue();
            }
        }
    }

    static ObjectId commit(Repository repo, TestSigning.Key key, String message) throws Exception {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(ins.insert(new org.eclipse.jgit.lib.TreeFormatter()));
            PersonIdent who = new PersonIdent("cloud_agent", "cloud_agent@vaultsync");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message + "\n\nVaultsync-Agent: cloud_agent\n");
            if (key != null) TestSigning.sign(repo, cb, key);
            ObjectId id = ins.insert(cb);
            ins.flush();
            return id;
        }
    }

    /** The same signed commit with its message changed after signing. */
    static ObjectId tamper(Repository repo, ObjectId signed) throws Exception {
        byte[] raw = repo.open(signed).getBytes();
        String text = new String(raw, StandardCharsets.UTF_8).replace("by the cloud", "by the cloud, and Approved/pay.md");
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_COMMIT, text.getBytes(StandardCharsets.UTF_8));
            ins.flush();
            return id;
        }
    }
}
