package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalQueryTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static final JournalRecord RECORD = new JournalRecord("op-1", "sync.operation.reconcile", T, "cloud_agent", "vm", "d",
            List.of("Plans/a.md", "Done/x/y.md"), "c0ffee", null, JournalRecord.GENESIS, "h");

    /** op, since (seconds from T; empty: none), path -> matches. */
    @ParameterizedTest(name = "op={0} since={1} path={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
        "-,                         -,  -,          true",
        "sync.operation.reconcile,  -,  -,          true",
        "sync.operation.enqueue,    -,  -,          false",
        "-,                         0,  -,          true",
        "-,                         1,  -,          false",
        "-,                         -,  Plans/a.md, true",
        "-,                         -,  Plans,      true",
        "-,                         -,  Plan,       false",
        "-,                         -,  Done/x,     true",
        "-,                         -,  Plans/b.md, false",
        "sync.operation.reconcile, -1,  Done,       true",
    })
    void filtersByTypeTimeAndPathOrFolder(String op, Long since, String path, boolean want) {
        JournalQuery q = new JournalQuery(op, since == null ? null : T.plusSeconds(since), path);
        assertThat(q.matches(RECORD)).isEqualTo(want);
    }

    @Test
    void anUnknownTypeIsRefusedWhenTheQueryIsMade() {
        assertThatThrownBy(() -> new JournalQuery("sync.nope", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
