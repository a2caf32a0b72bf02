package io.vaultsync.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file saved with a UTF-8 byte order mark keeps it, and its front matter is found after it (not added twice). */
class FrontMatterBomTest {
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    final FrontMatter fm = new FrontMatter(List.of("status"));

    static byte[] withBom(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + t.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(t, 0, out, BOM.length, t.length);
        return out;
    }

    @Test
    void frontMatterAfterABomIsReadAndRewrittenInPlace() {
        byte[] file = withBom("---\ntitle: x\nstatus: \"old\"\n---\nbody é\n");
        assertThat(fm.values(file)).isEqualTo(Map.of("status", "old"));
        byte[] rewritten = fm.rewrite(file, List.of("status: \"new\""));
        assertThat(rewritten).isEqualTo(withBom("---\ntitle: x\nstatus: \"new\"\n---\nbody é\n"));
        assertThat(new String(rewritten, StandardCharsets.UTF_8).split("---", -1)).hasSize(3); // one block only
    }

    @Test
    void aBomFileWithoutFrontMatterGetsItAfterTheBom() {
        byte[] rewritten = fm.rewrite(withBom("just text\n"), List.of("status: \"done\""));
        assertThat(rewritten).isEqualTo(withBom("---\nstatus: \"done\"\n---\njust text\n"));
    }
}
