package io.vaultsync.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Mappers;
import io.vaultsync.lease.Lease;
import io.vaultsync.sync.ClaimLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code claims --json} and {@code claims --history --json}: each claim with its lease spread out, each log entry. */
class ClaimJsonTest {
    static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aClaimPrintsItsLeaseSpreadOutAndNullsWithoutOne() throws Exception {
        Lease lease = new Lease("cloud_agent", "vm", T, Duration.ofMinutes(30), T.plusSeconds(1800), "local_agent", "over", null);
        List<ClaimListing.Entry> claims = List.of(
                new ClaimListing.Entry("T1.md", "In_Progress/cloud_agent/T1.md", "cloud_agent", ClaimListing.State.CONFIRMED,
                        Optional.of(lease), true),
                new ClaimListing.Entry("T2.md", "In_Progress/cloud_agent/T2.md", "cloud_agent",
                        ClaimListing.State.UNCOMMITTED, Optional.empty(), false));
        assertThat(Mappers.prettyJson(claims)).isEqualTo("""
                [ {
                  "task" : "T1.md",
                  "path" : "In_Progress/cloud_agent/T1.md",
                  "agent" : "cloud_agent",
                  "state" : "confirmed",
                  "claimedAt" : "2026-01-02T03:04:05Z",
                  "leaseExpires" : "2026-01-02T03:34:05Z",
                  "expired" : true,
                  "handoffFrom" : "local_agent",
                  "handoffNote" : "over"
                }, {
                  "task" : "T2.md",
                  "path" : "In_Progress/cloud_agent/T2.md",
                  "agent" : "cloud_agent",
                  "state" : "uncommitted",
                  "claimedAt" : null,
                  "leaseExpires" : null,
                  "expired" : false,
                  "handoffFrom" : null,
                  "handoffNote" : null
                } ]""");
    }

    @Test
    void aLogEntryPrintsItsFieldsInOrder() throws Exception {
        assertThat(Mappers.prettyJson(List.of(new ClaimLog.Entry(T, "claimed", "T1.md", "cloud_agent", null))))
                .isEqualTo("""
                        [ {
                          "time" : "2026-01-02T03:04:05Z",
                          "op" : "claimed",
                          "task" : "T1.md",
                          "agent" : "cloud_agent",
                          "detail" : null
                        } ]""");
    }
}
