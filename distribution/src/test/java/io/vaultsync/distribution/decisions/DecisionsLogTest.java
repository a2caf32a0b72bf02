package io.vaultsync.distribution.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.decisions.ConflictResolution.Decision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DECISIONS.md grows by appended sections and reads back. */
class DecisionsLogTest {
    @Test
    void appendKeepsWhatIsThereAndAddsAReadableYamlBlock() {
        String mine = "# Our decisions\n\nWe chose Postgres.";
        var r = new ConflictResolution("docs/guide.md", "copy-docs", "v2.4.0", Decision.KEEP_OVERRIDE, "Ada",
                Instant.parse("2026-12-03T12:00:00Z"), "our wording stays");

        String text = DecisionsLog.append(mine, "conflict docs/guide.md (copy-docs v2.4.0)", "conflict_resolution", r);

        assertThat(text).startsWith(mine + "\n\n## conflict docs/guide.md").contains("decision: \"keep-override\"");
        var entries = DecisionsLog.entries(text, "conflict_resolution");
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.get("path").asText()).isEqualTo("docs/guide.md");
            assertThat(e.get("at").asText()).isEqualTo("2026-12-03T12:00:00Z");
        });
    }

    @Test
    void aNewFileGetsAHeader() {
        String text = DecisionsLog.append(null, "h", "rollback", new RollbackEntry("r", "d", "v2.4.0", "v2.3.0", "b",
                "c", Instant.EPOCH, null));
        assertThat(text).startsWith(DecisionsLog.HEADER);
        assertThat(DecisionsLog.entries(text, "rollback")).hasSize(1);
        assertThat(DecisionsLog.entries(text, "conflict_resolution")).isEmpty();
    }
}
