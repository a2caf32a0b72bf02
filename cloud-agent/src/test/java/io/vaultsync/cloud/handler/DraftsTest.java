package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DraftsTest {
    static final Instant AT = Instant.parse("2026-11-22T10:00:00.123Z");
    static final String TASK = "---\ntype: email\nclaimed_by: \"cloud_agent\"\nlease: \"30m\"\n---\nWhen is it due?\n";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "reply.md,         DRAFT_reply.md",
        "DRAFT_reply.md,   DRAFT_reply.md",
        "draft_reply.md,   DRAFT_draft_reply.md",
        "notes.txt,        DRAFT_notes.txt",
    })
    void theDraftPrefixIsAddedOnce(String output, String want) {
        assertThat(Drafts.name(output)).isEqualTo(want);
    }

    @Test
    void anOutputWithoutFrontMatterGainsOneAndTheTaskFollowsWithoutItsLease() {
        assertThat(draft("Hello,\nthanks.")).isEqualTo("---\ntask: \"EMAIL_x.md\"\ndrafted_by: \"cloud_agent\"\n"
                + "drafted_at: \"2026-11-22T10:00:00Z\"\n---\nHello,\nthanks.\n\n## Original task\n\n"
                + "---\ntype: email\n---\nWhen is it due?\n");
    }

    @Test
    void keysTheHandlerSetStayAsTheyAreAndOnlyTheMissingOnesAreAdded() {
        String d = draft("---\nto: a@example.com\ndrafted_by: my-llm\n---\nHi\n");
        assertThat(d).startsWith("---\nto: a@example.com\ndrafted_by: my-llm\ntask: \"EMAIL_x.md\"\n"
                + "drafted_at: \"2026-11-22T10:00:00Z\"\n---\nHi\n\n## Original task\n\n");
        assertThat(d).doesNotContain("cloud_agent");
    }

    static String draft(String output) {
        return new String(Drafts.draft(output.getBytes(StandardCharsets.UTF_8), "EMAIL_x.md",
                TASK.getBytes(StandardCharsets.UTF_8), "cloud_agent", AT), StandardCharsets.UTF_8);
    }
}
