package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Mappers;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision.Side;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.conflict.Keep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code conflicts --json}: every key of a card in its place, the resolution only once resolved. */
class ConflictsJsonTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void aResolvedCardAndAnUnreadableFileAreWrittenInTheirShapes() throws Exception {
        ConflictCard c = new ConflictCard("C-1", ConflictKind.ZONE_VIOLATION, "Approved/pay.md", null,
                new ConflictCard.Version("local", null, null), new ConflictCard.Version("cloud", "def456", "copy.md"),
                Side.OURS, Keep.OURS, List.of(Keep.OURS, Keep.SKIP), "why", "", NOW, "local",
                new ConflictCard.Resolution(Keep.OURS, NOW, "local", null));
        List<Object> json = List.of(ConflictsCommand.json(new CardFiles.Entry("a.md", "local", c, null), "local"),
                ConflictsCommand.json(new CardFiles.Entry("b.md", "cloud", null, "no front matter"), "local"));
        assertThat(Mappers.prettyJson(json)).isEqualTo("""
                [ {
                  "file" : "a.md",
                  "id" : "C-1",
                  "kind" : "zone-violation",
                  "path" : "Approved/pay.md",
                  "status" : "resolved",
                  "base" : null,
                  "ours" : {
                    "agent" : "local",
                    "commit" : null,
                    "at" : null
                  },
                  "theirs" : {
                    "agent" : "cloud",
                    "commit" : "def456",
                    "at" : "copy.md"
                  },
                  "inPlace" : "ours",
                  "options" : [ "keep_ours", "skip" ],
                  "recommendation" : "keep_ours",
                  "reason" : "why",
                  "createdAt" : "2026-11-22T10:15:30Z",
                  "createdBy" : "local",
                  "resolvableHere" : false,
                  "resolution" : "keep_ours"
                }, {
                  "file" : "b.md",
                  "problem" : "no front matter"
                } ]""");
    }
}
