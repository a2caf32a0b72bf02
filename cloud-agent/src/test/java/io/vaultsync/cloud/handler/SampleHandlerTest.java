package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/sample-handler.sh} on its own: what it writes for a task, and when it refuses. */
class SampleHandlerTest {
    @TempDir
    Path dir;

    int run(String taskName, String task) throws Exception {
        Path t = Files.writeString(dir.resolve(taskName), task);
        Files.createDirectories(dir.resolve("out"));
        Process p = new ProcessBuilder(CloudVaultFixture.SAMPLE_HANDLER.toString(), t.toString(), dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void repliesToTheSenderWithQuotesAndCrlfLineEndsKeptAsValidYaml() throws Exception {
        int code = run("EMAIL_q.md", "---\r\ntype: email\r\nfrom: \"Jane \\\"JD\\\" Doe <jane@example.com>\"\r\n"
                + "subject: 'Offer: \"50% off\"'\r\n---\r\nHi\r\n");
        assertThat(code).as(Files.readString(dir.resolve("log"))).isZero();
        assertThat(Files.readString(dir.resolve("out/reply_EMAIL_q.md"))).isEqualTo("---\ntype: email\n"
                + "to: \"Jane \\\"JD\\\" Doe <jane@example.com>\"\nsubject: \"Re: Offer: \\\"50% off\\\"\"\n---\n"
                + "Hello,\n\nThank you for your message about \"Offer: \"50% off\"\". We are looking into it and will get"
                + " back to you shortly.\n\nBest regards\n");
    }

    @Test
    void aTaskWithoutASenderIsAFailureAndWritesNothing() throws Exception {
        assertThat(run("EMAIL_n.md", "---\ntype: email\nsubject: hi\n---\nfrom: not-in-front-matter@example.com\n")).isEqualTo(3);
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }
}
