package io.vaultsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler's or executor's output is scanned whole before its tail is cut: a private key whose BEGIN line
 * fell before the last 2 KB no longer slips its body into a card or an outcome.
 */
class OutputTailSecretTest {
    @TempDir
    Path dir;

    static final String KEY_BODY_LINE = "MIIEowIBAAKCAQEAx1f0k9bQm3Zr8ZcW1N2yQ4kJt6vL0pH8sD3aF5gR7tY2uI9oP1";

    static String key() {
        StringBuilder b = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        for (int i = 0; i < 60; i++) b.append(KEY_BODY_LINE).append('\n'); // ~4 KB: more than the tail
        return b.append("-----END RSA PRIVATE KEY-----\n").toString();
    }

    Path output(String text) throws Exception {
        Path f = dir.resolve("out.log");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aKeyWhoseArmourIsBeforeTheCutIsFoundAndTheTailIsANote() throws Exception {
        String tail = CommandRunner.tailOf(output("sending...\n" + key() + "done\n"));
        assertThat(tail).startsWith("[output not shown: it held a secret (content:private-key)")
                .doesNotContain(KEY_BODY_LINE);
    }

    @Test
    void aSecretFarBeforeTheEndOrAcrossAChunkBoundaryIsFound() throws Exception {
        String filler = "x".repeat(99) + "\n";
        StringBuilder far = new StringBuilder(key());
        while (far.length() < 3 * CommandRunner.CHUNK) far.append(filler);
        assertThat(CommandRunner.tailOf(output(far.toString()))).startsWith("[output not shown");

        StringBuilder across = new StringBuilder();
        while (across.length() < CommandRunner.CHUNK - 40) across.append('y');
        across.append('\n').append(key()).append("z\n".repeat(2000));
        assertThat(CommandRunner.tailOf(output(across.toString()))).startsWith("[output not shown");
    }

    @Test
    void anInnocentLongOutputKeepsItsTail() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) b.append("line ").append(i).append(" sent ok\n");
        String tail = CommandRunner.tailOf(output(b.toString()));
        assertThat(tail).endsWith("line 4999 sent ok").doesNotContain("not shown");
        assertThat(tail.length()).isLessThanOrEqualTo(CommandRunner.TAIL_BYTES);
    }
}
