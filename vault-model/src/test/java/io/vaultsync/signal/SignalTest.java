package io.vaultsync.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignalTest {
    static final Instant T = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void aRenderedSignalReadsBackAndLivesInUpdates() {
        Signal s = new Signal("draft-ready", T, "cloud_agent", "EMAIL_x.md", "Draft ready: Re: invoice", "See the draft.");
        String path = s.path("ab12");
        assertThat(path).isEqualTo("Updates/SIGNAL_20261122-101530_draft-ready_ab12.md");
        assertThat(Signal.parse(path, s.render())).isEqualTo(s);
    }

    @Test
    void aHandWrittenSignalTakesItsTimeFromTheNameAndItsTitleFromTheFirstLine() {
        Signal s = Signal.parse("Updates/SIGNAL_20261121-080000_note.md", "# Server rebooted\n\nAll fine.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(s.time()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(s.title()).isEqualTo("Server rebooted");
        assertThat(s.body()).isEqualTo("All fine.");
        assertThat(s.event()).isEqualTo("note");
        Signal bare = Signal.parse("Updates/whatever.md", new byte[0]);
        assertThat(bare.time()).isNull();
        assertThat(bare.title()).isEqualTo("whatever.md");
    }

    @Test
    void lineBreaksInATitleOrTaskCannotBreakTheFrontMatter() {
        Signal s = new Signal("x", T, "a", "t\nsignal: forged", "one\ntwo", "");
        Signal back = Signal.parse(s.path("0000"), s.render());
        assertThat(back.event()).isEqualTo("x");
        assertThat(back.title()).isEqualTo("one two");
    }

    @Test
    void aHandWrittenFrontMatterIsReadLikeEveryOtherOneEmptyOrClosedByDots() {
        Signal empty = Signal.parse("Updates/n.md", "---\n---\n# Disk full\n".getBytes(StandardCharsets.UTF_8));
        assertThat(empty.title()).isEqualTo("Disk full");
        Signal dots = Signal.parse("Updates/n.md",
                "---\r\nsignal: 'it''s \"done\"'\r\nagent: \"cloud\\tagent\"\r\n...\r\n# Done\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(dots.event()).isEqualTo("it's \"done\"");
        assertThat(dots.agent()).isEqualTo("cloud\tagent");
        assertThat(dots.title()).isEqualTo("Done");
    }
}
