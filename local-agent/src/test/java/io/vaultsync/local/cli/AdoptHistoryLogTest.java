package io.vaultsync.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.PlainHistory;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.local.LocalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting a C-git history that once held a GitHub token, with the log at its most verbose: the token is in
 * no output, no log line and no file of the remote's new commit (the card included), stopped or accepted.
 */
class AdoptHistoryLogTest {
    @TempDir
    Path dir;

    @Test
    void theTokenOfAnAuditedHistoryIsInNoOutputLogOrCard() throws Exception {
        PlainHistory h = PlainHistory.create(dir, true);
        Path log = dir.resolve("logs/agent.log");
        List<String> seen = new ArrayList<>();

        for (String accept : List.of("", "--accept-history")) {
            List<String> args = new ArrayList<>(List.of("init", "--vault", dir.resolve("vault").toString(), "--remote",
                    h.remote().toString(), "-vv", "--log-file", log.toString()));
            if (!accept.isEmpty()) args.add(accept);
            CliRun r = LocalCli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(accept.isEmpty() ? ExitCodes.HISTORY_SECRETS : ExitCodes.OK);
            seen.add(r.out());
            seen.add(r.err());
        }

        String logs;
        try (Stream<Path> files = Files.list(log.getParent())) {
            StringBuilder sb = new StringBuilder();
            for (Path f : files.toList()) sb.append(Files.readString(f));
            logs = sb.toString();
        }
        assertThat(logs).as("the audit is logged").contains("history of", "2 secrets found");
        seen.add(logs);
        seen.addAll(RemoteTree.files(h.remote(), "main").values());
        assertThat(seen).noneMatch(s -> s.contains(h.token()));
        assertThat(RemoteTree.files(h.remote(), "main").keySet()).anyMatch(p -> p.startsWith("Pending_Approval/conflicts/")
                && p.endsWith(".md"));
    }
}
