package io.vaultsync.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeaseFrontMatterTest {
    private static final Lease LEASE = Lease.fresh("cloud_agent", "vm-1", Instant.parse("2026-11-22T09:00:00.750Z"),
            Duration.ofMinutes(30));

    @Test
    void aFileWithoutFrontMatterGetsOne() {
        byte[] out = LeaseFrontMatter.write(utf8("# Task\n\nBody\n"), LEASE);

        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("""
                ---
                claimed_by: "cloud_agent"
                claimed_on: "vm-1"
                claimed_at: "2026-11-22T09:00:00Z"
                lease: "30m"
                lease_expires: "2026-11-22T09:30:00Z"
                ---
                # Task

                Body
                """);
        assertThat(LeaseFrontMatter.read(out)).contains(LEASE);
    }

    @Test
    void otherFrontMatterAndTheBodyAreKeptByteForByte() {
        byte[] body = "---\ntype: email\ntags: [a, b]\n  nested: x\n---\nCaf\u00e9 \r\n".getBytes(StandardCharsets.ISO_8859_1);

        byte[] out = LeaseFrontMatter.write(body, LEASE);
        byte[] back = LeaseFrontMatter.strip(out, null);

        assertThat(back).isEqualTo(body);
    }

    @Test
    void rewritingReplacesTheOldLeaseInsteadOfAddingASecond() {
        byte[] once = LeaseFrontMatter.write(utf8("---\ntype: email\n---\nx\n"), LEASE);
        Lease renewed = LEASE.renewed(Instant.parse("2026-11-22T09:20:00Z"));

        String twice = new String(LeaseFrontMatter.write(once, renewed), StandardCharsets.UTF_8);

        assertThat(twice.split("lease_expires", -1)).hasSize(2);
        assertThat(twice).startsWith("---\ntype: email\n").contains("lease_expires: \"2026-11-22T09:50:00Z\"");
        assertThat(LeaseFrontMatter.read(twice.getBytes(StandardCharsets.UTF_8))).contains(renewed);
    }

    @Test
    void crlfFilesKeepTheirLineEndings() {
        byte[] out = LeaseFrontMatter.write(utf8("---\r\ntype: x\r\n---\r\nbody\r\n"), LEASE);

        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(s).startsWith("---\r\ntype: x\r\nclaimed_by: \"cloud_agent\"\r\n").endsWith("---\r\nbody\r\n");
        assertThat(LeaseFrontMatter.read(out)).contains(LEASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with: colon", "\"quoted\" and \\back\\slash", "two\nlines\ttab", "Zoë — 日本語 ✓", ""})
    void handoffNotesRoundTrip(String note) {
        Lease handed = LEASE.handedOver("local_agent", note);

        byte[] out = LeaseFrontMatter.write(utf8("body\n"), handed);

        assertThat(LeaseFrontMatter.read(out)).contains(handed);
        assertThat(new String(out, StandardCharsets.UTF_8)).endsWith("---\nbody\n");
    }

    @Test
    void stripKeepsTheRecordOfAReturnAndDropsAnEmptyBlock() {
        byte[] leased = LeaseFrontMatter.write(utf8("body\n"), LEASE);

        assertThat(new String(LeaseFrontMatter.strip(leased, null), StandardCharsets.UTF_8)).isEqualTo("body\n");
        assertThat(new String(LeaseFrontMatter.strip(leased, "cloud_agent (lease expired)"), StandardCharsets.UTF_8))
                .isEqualTo("---\nprevious_claim: \"cloud_agent (lease expired)\"\n---\nbody\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no front matter\n", "---\nunclosed: yes\nbody\n", "---\nclaimed_by: x\n---\n",
            "---\nclaimed_by: x\nclaimed_at: yesterday\nlease_expires: soon\n---\n", "--- \nclaimed_by: x\n---\n"})
    void incompleteOrUnreadableLeasesCountAsNone(String text) {
        assertThat(LeaseFrontMatter.read(utf8(text))).isEmpty();
    }

    @Test
    void aHandWrittenLeaseWithPlainScalarsIsRead() {
        String text = "---\nclaimed_by: local_agent\nclaimed_at: 2026-11-22T08:00:00Z\nlease_expires: '2026-11-22T08:30:00Z'\n---\n";

        Lease l = LeaseFrontMatter.read(utf8(text)).orElseThrow();

        assertThat(l.agent()).isEqualTo("local_agent");
        assertThat(l.expires()).isEqualTo(Instant.parse("2026-11-22T08:30:00Z"));
        assertThat(l.length()).isEqualTo(Lease.DEFAULT_LENGTH);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
