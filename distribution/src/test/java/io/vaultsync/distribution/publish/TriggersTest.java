package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.rules.Frequency;
import io.vaultsync.distribution.rules.Strategy;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.state.SyncLedger;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a rule is due, from a table. */
class TriggersTest {
    @ParameterizedTest(name = "{0} last={1}@{2} now={3}@{4} asked={5} touched={6} -> {7}")
    @CsvSource(nullValues = "-", value = {
        "ON_RELEASE, -,      -, v2.4.0, c2, false, false, true",
        "ON_RELEASE, v2.3.0, c1, v2.4.0, c2, false, false, true",
        "ON_RELEASE, v2.4.0, c2, v2.4.0, c2, false, false, false",
        "ON_RELEASE, v2.4.0, c2, v2.4.0, c2, true,  false, true",
        "ON_CHANGE,  -,      -, v2.4.0, c2, false, false, true",
        "ON_CHANGE,  v2.4.0, c1, v2.4.0, c2, false, true,  true",
        "ON_CHANGE,  v2.4.0, c1, v2.4.0, c2, false, false, false",
        "ON_CHANGE,  v2.4.0, c2, v2.4.0, c2, false, true,  false",
        "MANUAL,     -,      -, v2.4.0, c2, false, true,  false",
        "MANUAL,     -,      -, v2.4.0, c2, true,  false, true",
    })
    void due(Frequency f, String lastVersion, String lastCommit, String version, String commit, boolean asked, boolean touched,
            boolean due) {
        SyncRule rule = new SyncRule("r", null, "**", "org/a", "", Strategy.COPY, f, null, null, null);
        Optional<SyncLedger.Entry> last = lastVersion == null ? Optional.empty()
                : Optional.of(SyncLedger.Entry.never("r", "org/a").synced(lastVersion, lastCommit, java.time.Instant.EPOCH, "b", "c", null, null, null));

        assertThat(Triggers.due(rule, last, version, commit, asked, touched).due()).isEqualTo(due);
    }
}
