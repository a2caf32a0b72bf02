package io.vaultsync.distribution.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.rollback.RollbackPlan.Point;
import io.vaultsync.distribution.state.DownstreamState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Choosing the sync a rollback restores. */
class RollbackPlanTest {
    static Point p(String commit, String version, String source) {
        return new Point(commit, new DownstreamState("copy-docs", source, version, Instant.EPOCH, new TreeMap<>(Map.of())));
    }

    // newest first: a re-sync of v2.4.0 from a newer source commit, v2.4.0, v2.3.0, v2.2.0
    static final List<Point> HISTORY = List.of(p("c4", "v2.4.0", "s2"), p("c3", "v2.4.0", "s1"), p("c2", "v2.3.0", "s0"),
            p("c1", "v2.2.0", "s9"));

    @Test
    void byDefaultThePreviousSyncIsRestored() {
        var c = RollbackPlan.choose(HISTORY, "copy-docs", null);
        assertThat(c.from().commit()).isEqualTo("c4");
        assertThat(c.to().commit()).isEqualTo("c3");
    }

    @Test
    void toPicksTheNewestSyncOfThatVersion() {
        assertThat(RollbackPlan.choose(HISTORY, "copy-docs", "v2.3.0").to().commit()).isEqualTo("c2");
        assertThat(RollbackPlan.choose(HISTORY, "copy-docs", "v2.2.0").to().commit()).isEqualTo("c1");
    }

    @Test
    void anUnknownOrCurrentVersionIsAnErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> RollbackPlan.choose(HISTORY, "copy-docs", "v9.9.9")).isInstanceOf(DistributionException.class)
                .hasMessageContaining("no earlier sync of v9.9.9").hasMessageContaining("v2.2.0, v2.3.0, v2.4.0");
        assertThatThrownBy(() -> RollbackPlan.choose(List.of(HISTORY.get(0)), "copy-docs", null))
                .hasMessageContaining("no earlier sync");
        assertThatThrownBy(() -> RollbackPlan.choose(List.of(), "copy-docs", null)).hasMessageContaining("never synced");
    }

    @Test
    void theBranchNamesVersionAndRule() {
        assertThat(RollbackPlan.branch("agent33", "v2.3.0", "copy-docs")).isEqualTo("agent33-sync/rollback/v2.3.0/copy-docs");
        assertThat(RollbackPlan.branch("acme", "2.3.0", "r")).isEqualTo("acme-sync/rollback/v2.3.0/r");
    }
}
