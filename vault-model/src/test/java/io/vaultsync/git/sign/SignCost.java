package io.vaultsync.git.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * What signing adds to one commit: signs N commit builders (after a warm-up) with a clone's key through
 * {@link CommitSigner} and prints the mean and the 95th percentile. Not a test: run by hand, e.g.
 * {@code java -cp vault-model/target/test-classes:vault-model/target/classes:$(cat cp.txt) io.vaultsync.git.sign.SignCost 500}.
 */
public final class SignCost {
    private SignCost() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Files.createTempDirectory("signcost");
        try (Git git = Git.init().setDirectory(dir.toFile()).call(); ObjectInserter ins = git.getRepository().newObjectInserter()) {
            Repository repo = git.getRepository();
            long t0 = System.nanoTime();
            CommitSigner signer = CommitSigner.of(dir.resolve(".git"));
            long setup = System.nanoTime() - t0;
            PersonIdent who = new PersonIdent("cloud_agent", "cloud_agent@vaultsync");
            var tree = ins.insert(Constants.OBJ_TREE, new byte[0]);
            long[] took = new long[n];
            for (int i = -50; i < n; i++) { // 50 rounds of warm-up
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(tree);
                cb.setAuthor(who);
                cb.setCommitter(who);
                cb.setMessage("commit " + i + "\n\nVaultsync-Agent: cloud_agent\n");
                long s = System.nanoTime();
                signer.sign(repo, cb);
                if (i >= 0) took[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(took);
            double mean = java.util.Arrays.stream(took).average().orElse(0) / 1e6;
            System.out.printf("signing: first key load + make %.1f ms; per commit over %d: mean %.2f ms, p50 %.2f ms, p95 %.2f ms%n",
                    setup / 1e6, n, mean, took[n / 2] / 1e6, took[(int) (n * 0.95)] / 1e6);
        }
    }
}
