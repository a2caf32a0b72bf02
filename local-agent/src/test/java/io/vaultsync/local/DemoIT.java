package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, {@code scripts/demo.sh DIR}, end to end: both agents as daemons, one message sent. */
class DemoIT {
    static final Path DEMO = Path.of("..", "scripts", "demo.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theDemoSendsExactlyOneMessageAndEndsWithTheItemInDoneAndOnTheDashboard() throws Exception {
        Path log = dir.resolve("demo.log");
        Process p = new ProcessBuilder("bash", DEMO.toString(), dir.resolve("demo").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        boolean finished = p.waitFor(8, TimeUnit.MINUTES);
        if (!finished) p.destroyForcibly();
        String out = Files.readString(log);
        assertThat(finished).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("exactly one message in the outbox", "the secret is nowhere in the remote's history",
                "are signed by a listed key (git verify-commit)");

        Path demo = dir.resolve("demo");
        assertThat(ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(demo.toString()) && cmd.contains(".jar run"))).as("agents left running").isEmpty();
        List<Path> sent;
        try (Stream<Path> s = Files.list(demo.resolve("outbox"))) {
            sent = s.filter(f -> f.toString().endsWith(".eml")).toList();
        }
        assertThat(sent).hasSize(1);
        assertThat(Files.readString(sent.get(0))).startsWith("To: client@example.com\n").contains("Subject: Re: Question about invoice 1042");

        Map<String, String> remote = RemoteTree.files(demo.resolve("remote.git"), "main");
        List<String> done = remote.keySet().stream().filter(k -> k.startsWith("Done/DRAFT_")).toList();
        assertThat(done).hasSize(1);
        assertThat(remote.get(done.get(0))).contains("## Outcome", "- result: done (exit 0)", "approved_by: \"local_agent\"");
        assertThat(remote.keySet()).noneMatch(k -> k.startsWith("Needs_Action/EMAIL_") || k.startsWith("Pending_Approval/email/DRAFT_")
                || k.startsWith("In_Progress/cloud_agent/EMAIL_"));
        assertThat(remote.get("Dashboard.md")).contains(done.get(0).substring("Done/".length()).replace(".md", ""));
        CGit.assertFsckStrict(demo.resolve("remote.git"));
    }
}
