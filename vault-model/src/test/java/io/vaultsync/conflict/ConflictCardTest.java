package io.vaultsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.conflict.ConflictDecision.Side;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictCardTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    static ConflictCard card() {
        String id = ConflictCard.newId(NOW, "abc1234");
        return new ConflictCard(id, ConflictKind.ZONE_VIOLATION, "Approved/pay \"q\" ü.md", "base123",
                new ConflictCard.Version("local", null, null),
                new ConflictCard.Version("git: Jane <jane@example.invalid>", "def456", ConflictCard.copyPath("local", id, "Approved/pay.md")),
                Side.OURS, Keep.OURS, List.of(Keep.OURS, Keep.THEIRS, Keep.SKIP), "cloud may not write it: line\nbreak",
                CardDiff.between(null, "pay 100\n".getBytes(StandardCharsets.UTF_8)), NOW, "local", null);
    }

    @Test
    void rendersEveryFieldTheIssueNamesAndReadsBack() {
        ConflictCard c = card();
        String text = c.render();
        assertThat(text).startsWith("---\n").contains("id: C-20261122-101530-abc1234", "kind: zone-violation",
                "status: open", "base: base123", "ours:\n  agent: \"local\"\n  commit: null\n  at: null",
                "theirs:\n  agent: \"git: Jane <jane@example.invalid>\"", "options: [keep_ours, keep_theirs, skip]",
                "recommendation: keep_ours", "created_at: 2026-11-22T10:15:30Z", "created_by: local", "```diff\n@@ line 1 @@\n+pay 100\n```");
        ConflictCard back = CardReader.parse("card", text);
        assertThat(back).isEqualTo(c);
    }

    @Test
    void aResolvedCardKeepsItsDiffAndSaysHowItWasClosed() {
        ConflictCard c = card().resolved(new ConflictCard.Resolution(Keep.THEIRS, NOW.plusSeconds(60), "local", null));
        String text = c.render();
        assertThat(text).contains("status: resolved", "resolution: keep_theirs", "resolved_by: local", "+pay 100");
        ConflictCard back = CardReader.parse("card", text);
        assertThat(back.isOpen()).isFalse();
        assertThat(back).isEqualTo(c);
    }

    @Test
    void aFileThatIsNoCardIsNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> CardReader.parse("x.md", "# just notes\n")).hasMessageContaining("x.md: no front matter");
        assertThatThrownBy(() -> CardReader.parse("x.md", "---\nid: 1\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> CardReader.parse("x.md", "---\nid: C-1\nstatus: open\n---\n"))
                .hasMessageContaining("'options' is not a list");
        assertThatThrownBy(() -> CardReader.parse("x.md", "---\n: [\n---\n")).hasMessageContaining("x.md");
    }

    @Test
    void aValueOfTheWrongShapeIsNamedAndUnknownKeysAreIgnored() {
        String good = card().render();
        assertThat(CardReader.parse("x.md", good.replaceFirst("\n", "\nadded_by_hand: 1\n"))).isEqualTo(card());
        assertThatThrownBy(() -> CardReader.parse("x.md", good.replace("options: [keep_ours, keep_theirs, skip]",
                "options: keep_ours"))).hasMessage("x.md: 'options' is not a list");
        String ours = "ours:\n  agent: \"local\"\n  commit: null\n  at: null";
        assertThatThrownBy(() -> CardReader.parse("x.md", good.replaceFirst(ours, "ours: local")))
                .hasMessage("x.md: 'ours' is missing");
        assertThatThrownBy(() -> CardReader.parse("x.md", good.replaceFirst("created_by: local", "created_by: null")))
                .hasMessage("x.md: 'created_by' is missing");
    }

    @Test
    void diffShowsChangedLinesWithContextAndCapsLongOnes() {
        String d = CardDiff.between("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), "a\nB\nc\n".getBytes(StandardCharsets.UTF_8));
        assertThat(d).isEqualTo("@@ line 2 @@\n a\n-b\n+B\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100; i++) big.append("line ").append(i).append('\n');
        String capped = CardDiff.between(null, big.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(capped.lines().filter(l -> l.startsWith("+"))).hasSize(CardDiff.MAX_LINES);
        assertThat(capped).endsWith("… 60 more changed lines\n");
        assertThat(CardDiff.between(new byte[] {0, 1, 2}, new byte[] {3})).contains("binary");
    }
}
