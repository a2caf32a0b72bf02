package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitPathTest {
    /** Bytes (hex; spaces ignored) -> UTF-8? -> the name shown. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "41 70 70 72 6f 76 65 64 2f 61 2e 6d 64 | true  | Approved/a.md",
        "63 61 66 c3 a9 2e 6d 64                | true  | café.md",
        "70 61 79 ff 2e 6d 64                   | false | pay%FF.md",
        // Latin-1 é, which JGit would decode as the valid but different name café.md
        "63 61 66 e9 2e 6d 64                   | false | caf%E9.md",
        // a cut-off sequence, then a valid one
        "61 e2 82 c3 a9                         | false | a%E2%82é",
        // overlong encoding of '/' and a surrogate half: both malformed
        "c0 af ed a0 80                         | false | %C0%AF%ED%A0%80",
    })
    void showsBadBytesAsPercentAndKeepsValidText(String hex, boolean utf8, String shown) {
        byte[] raw = bytes(hex);
        assertThat(GitPath.isUtf8(raw)).isEqualTo(utf8);
        assertThat(GitPath.display(raw)).isEqualTo(shown);
        if (utf8) assertThat(GitPath.display(raw).getBytes(StandardCharsets.UTF_8)).isEqualTo(raw);
    }

    private static byte[] bytes(String hex) {
        String h = hex.replace(" ", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return out;
    }
}
