package io.vaultsync.git;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a full work-tree scan costs: runs {@link WorkTreeScan#scan} on a vault N times in one JVM and prints
 * the first run, the median and the fastest, wall and the process's CPU (SHARDS: the full scan's shards,
 * by default one per core). Not a test: run by hand, e.g.
 * {@code java -cp local-agent/target/local-agent.jar:vault-model/target/test-classes io.vaultsync.git.ScanCost VAULT 20 [SHARDS [BRANCH]]}.
 */
public final class ScanCost {
    private ScanCost() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ScanCost VAULT [RUNS] [SHARDS [BRANCH]]");
            System.exit(2);
        }
        Path vault = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int shards = args.length > 2 ? Integer.parseInt(args[2]) : ShardedDiff.shards();
        String branch = args.length > 3 ? args[3] : "main";
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = new long[n];
        long[] took = new long[n];
        int changes = 0;
        try (VaultRepo repo = VaultRepo.open(vault, branch)) {
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                long c = os.getProcessCpuTime();
                WorkTreeScan.Result r = WorkTreeScan.scan(repo, ScanScope.ALL, io.vaultsync.progress.Progress.NONE, shards);
                took[i] = System.nanoTime() - s;
                cpu[i] = os.getProcessCpuTime() - c;
                changes = r.changes().size() + r.tempFiles().size();
            }
        }
        long first = took[0];
        long firstCpu = cpu[0];
        Arrays.sort(took);
        Arrays.sort(cpu);
        System.out.printf("scan of %s in %d shard(s): %d changes; first %.1f ms (cpu %.1f); over %d runs: median %.1f ms"
                + " (cpu %.1f), min %.1f ms (%d cores)%n", vault, shards, changes, first / 1e6, firstCpu / 1e6, n,
                took[n / 2] / 1e6, cpu[n / 2] / 1e6, took[0] / 1e6, Runtime.getRuntime().availableProcessors());
    }
}
