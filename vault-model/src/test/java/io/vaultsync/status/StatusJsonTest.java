package io.vaultsync.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Mappers;
import io.vaultsync.doctor.Check;
import io.vaultsync.doctor.DoctorReport;
import io.vaultsync.git.LastPushes;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code status --json} and {@code doctor --json} print these bytes: keys, their order, nulls and times. */
class StatusJsonTest {
    static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void statusJsonKeepsEveryKeyInItsPlaceWithIsoTimesAndNulls() throws Exception {
        StatusReport r = new StatusReport("cloud_agent", "cloud", "vm", "/srv/vault", "/srv/remote.git", "main", T, null,
                "synced", 2, new SyncState.TransportError("UNREACHABLE", "no route", T), 1, 0, 3,
                List.of(new BlockedPath("Plans/.env", "path:.env*")), List.of("Done/x.md"),
                List.of(new StatusReport.OpenCard("C-1", "content", "Plans/a.md", "local_agent")), List.of("T1.md"),
                Map.of("z_agent", new LastPushes.Push("c2", T, null), "a_agent", new LastPushes.Push("c1", T, "vm")),
                "no", List.of(), "running", new StatusReport.Daemon(42, T, T, "Synced", null, "127.0.0.1:9410"),
                new StatusReport.Scan("daemon", T));
        assertThat(Mappers.prettyJson(r)).isEqualTo("""
                {
                  "agent" : "cloud_agent",
                  "role" : "cloud",
                  "machine" : "vm",
                  "vault" : "/srv/vault",
                  "remote" : "/srv/remote.git",
                  "branch" : "main",
                  "lastSync" : "2026-01-02T03:04:05Z",
                  "lastAttempt" : null,
                  "lastOutcome" : "synced",
                  "consecutiveFailures" : 2,
                  "transportError" : {
                    "kind" : "UNREACHABLE",
                    "message" : "no route",
                    "since" : "2026-01-02T03:04:05Z"
                  },
                  "ahead" : 1,
                  "behind" : 0,
                  "pending" : 3,
                  "blocked" : [ {
                    "path" : "Plans/.env",
                    "rule" : "path:.env*"
                  } ],
                  "outsideZone" : [ "Done/x.md" ],
                  "conflicts" : [ {
                    "card" : "C-1",
                    "kind" : "content",
                    "path" : "Plans/a.md",
                    "agent" : "local_agent"
                  } ],
                  "provisionalClaims" : [ "T1.md" ],
                  "lastPushes" : {
                    "a_agent" : {
                      "commit" : "c1",
                      "time" : "2026-01-02T03:04:05Z",
                      "machine" : "vm"
                    },
                    "z_agent" : {
                      "commit" : "c2",
                      "time" : "2026-01-02T03:04:05Z",
                      "machine" : null
                    }
                  },
                  "remoteMovedSinceFetch" : "no",
                  "policyNotInForce" : [ ],
                  "daemonState" : "running",
                  "daemon" : {
                    "pid" : 42,
                    "since" : "2026-01-02T03:04:05Z",
                    "lastCycle" : "2026-01-02T03:04:05Z",
                    "lastOutcome" : "Synced",
                    "lastError" : null,
                    "endpoint" : "127.0.0.1:9410"
                  },
                  "scan" : {
                    "by" : "daemon",
                    "at" : "2026-01-02T03:04:05Z"
                  }
                }""");
    }

    @Test
    void doctorJsonIsTheVerdictThenEveryCheckWithItsLabel() throws Exception {
        DoctorReport r = new DoctorReport(List.of(Check.ok("remote", "answered"), Check.warn("daemon", "none", "start it")));
        assertThat(Mappers.prettyJson(r)).isEqualTo("""
                {
                  "ok" : true,
                  "checks" : [ {
                    "name" : "remote",
                    "level" : "ok",
                    "detail" : "answered",
                    "fix" : null
                  }, {
                    "name" : "daemon",
                    "level" : "warn",
                    "detail" : "none",
                    "fix" : "start it"
                  } ]
                }""");
    }
}
