package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.policy.Zones.Change;
import io.vaultsync.policy.Zones.Partition;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ZonesTest {

    private static final String CLOUD = "cloud_agent";
    private static final String LOCAL = "local_agent";
    private static final Zones ZONES = new Zones(Policy.defaults(CLOUD, LOCAL));

    @ParameterizedTest(name = "{0} writes {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cloud_agent | Needs_Action/t1.md                          | true
            cloud_agent | Pending_Approval/email/draft.md             | true
            cloud_agent | Updates/SIGNAL_1.md                         | true
            cloud_agent | Plans/plan.md                               | true
            cloud_agent | In_Progress/cloud_agent/t1.md               | true
            cloud_agent | Approved/draft.md                           | false
            cloud_agent | Rejected/draft.md                           | false
            cloud_agent | Done/t1.md                                  | false
            cloud_agent | Dashboard.md                                | false
            cloud_agent | In_Progress/local_agent/t1.md               | false
            local_agent | Approved/draft.md                           | true
            local_agent | Rejected/draft.md                           | true
            local_agent | Done/t1.md                                  | true
            local_agent | Dashboard.md                                | true
            local_agent | In_Progress/local_agent/t1.md               | true
            local_agent | Needs_Action/t1.md                          | false
            local_agent | Pending_Approval/email/draft.md             | false
            local_agent | Updates/SIGNAL_1.md                         | false
            local_agent | Plans/plan.md                               | false
            local_agent | In_Progress/cloud_agent/t1.md               | false
            cloud_agent | Pending_Approval/conflicts/cloud_agent/c.md | true
            cloud_agent | Pending_Approval/conflicts/local_agent/c.md | false
            local_agent | Pending_Approval/conflicts/local_agent/c.md | true
            local_agent | Pending_Approval/conflicts/cloud_agent/c.md | false
            cloud_agent | Pending_Approval/conflicts/c.md             | false
            local_agent | .vaultsync/policy.yaml                      | true
            cloud_agent | .vaultsync/policy.yaml                      | false
            local_agent | .gitignore                                  | true
            cloud_agent | .gitignore                                  | false
            local_agent | Done/.gitignore                             | true
            local_agent | Logs/sync.log                               | false
            cloud_agent | Logs/sync.log                               | false
            local_agent | Dashboard.md.bak                            | false
            local_agent | README.md                                   | false
            local_agent | Done/My Task (2).md                         | true
            cloud_agent | Needs_Action/Zürich – Übersicht 日本.md      | true
            local_agent | Needs_Action/Zürich – Übersicht 日本.md      | false
            local_agent | Done/../Plans/x.md                          | false
            local_agent | /Done/x.md                                  | false
            local_agent | Done//x.md                                  | false
            nobody      | Done/x.md                                   | false
            """)
    void defaultPolicyDecidesWhoMayWrite(String agent, String path, boolean expected) {
        assertThat(ZONES.mayWrite(agent, path)).isEqualTo(expected);
    }

    @Test
    void fixedRulesOverrideExplicitZones() {
        Policy greedy = new Policy(1, "main", List.of(
                new AgentSpec("a", Role.CLOUD, List.of("**")),
                new AgentSpec("b", Role.LOCAL, List.of("Done/"))), GateSettings.defaults());
        Zones zones = new Zones(greedy);

        assertThat(zones.mayWrite("a", "Logs/x.log")).isFalse();
        assertThat(zones.mayWrite("a", Policy.PATH)).isFalse();
        assertThat(zones.mayWrite("a", "In_Progress/b/t.md")).isFalse();
        assertThat(zones.mayWrite("a", "Pending_Approval/conflicts/b/c.md")).isFalse();
        assertThat(zones.mayWrite("b", "Pending_Approval/conflicts/b/c.md")).isTrue();
        assertThat(zones.mayWrite("b", "In_Progress/b/t.md")).isFalse(); // not in b's zones
        assertThat(zones.mayWrite("a", "Anything/else.md")).isTrue();
    }

    @Test
    void zonesReadLikeAGitignoreAnchoredAtTheVaultRoot() {
        Policy policy = new Policy(1, "main", List.of(
                new AgentSpec("a", Role.CLOUD, List.of("Plans/", "!Plans/private/", "Notes.md", "Done/*.md")),
                new AgentSpec("b", Role.LOCAL, List.of("Done/"))), GateSettings.defaults());
        Zones zones = new Zones(policy);

        assertThat(zones.mayWrite("a", "Plans/p.md")).isTrue();
        assertThat(zones.mayWrite("a", "Plans/private/p.md")).isFalse(); // the last matching zone decides
        assertThat(zones.mayWrite("a", "Notes.md")).isTrue();
        assertThat(zones.mayWrite("a", "Plans/Notes.md")).isTrue();
        assertThat(zones.mayWrite("a", "Updates/Notes.md")).isFalse(); // anchored: not at any depth
        assertThat(zones.mayWrite("a", "Done/d.md")).isTrue();
        assertThat(zones.mayWrite("a", "Done/sub/d.md")).isFalse(); // files, not folders: '*' stays in Done/
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Needs_Action/t.md                           | cloud_agent
            Approved/x.md                               | local_agent
            Pending_Approval/conflicts/local_agent/c.md | local_agent
            .vaultsync/policy.yaml                      | local_agent
            Logs/a.log                                  |
            README.md                                   |
            """)
    void ownerIsTheFirstAgentThatMayWrite(String path, String owner) {
        assertThat(ZONES.owner(path).orElse(null)).isEqualTo(owner);
    }

    static Stream<Arguments> partitions() {
        return Stream.of(
                Arguments.of("cloud claims", CLOUD,
                        List.of(del("Needs_Action/t1.md"), add("In_Progress/cloud_agent/t1.md")), List.of()),
                Arguments.of("local claims out of a zone it does not own", LOCAL,
                        List.of(del("Needs_Action/sub/t1.md"), add("In_Progress/local_agent/sub/t1.md")), List.of()),
                Arguments.of("local releases back to Needs_Action", LOCAL,
                        List.of(del("In_Progress/local_agent/t1.md"), add("Needs_Action/t1.md")), List.of()),
                Arguments.of("claim into another agent's In_Progress", LOCAL,
                        List.of(del("Needs_Action/t1.md"), add("In_Progress/cloud_agent/t1.md")),
                        List.of(del("Needs_Action/t1.md"), add("In_Progress/cloud_agent/t1.md"))),
                Arguments.of("claim of a different file", LOCAL,
                        List.of(del("Needs_Action/t1.md"), add("In_Progress/local_agent/t2.md")),
                        List.of(del("Needs_Action/t1.md"))),
                Arguments.of("add to Needs_Action without a release", LOCAL,
                        List.of(add("Needs_Action/t1.md")), List.of(add("Needs_Action/t1.md"))),
                Arguments.of("handoff to another agent", CLOUD,
                        List.of(del("In_Progress/cloud_agent/t1.md"), add("In_Progress/local_agent/t1.md")), List.of()),
                Arguments.of("handoff to an agent not in the policy", CLOUD,
                        List.of(del("In_Progress/cloud_agent/t1.md"), add("In_Progress/ghost/t1.md")),
                        List.of(add("In_Progress/ghost/t1.md"))),
                Arguments.of("takeover of another agent's claim", LOCAL,
                        List.of(del("In_Progress/cloud_agent/t1.md"), add("In_Progress/local_agent/t1.md")), List.of()),
                Arguments.of("return of another agent's claim to Needs_Action", LOCAL,
                        List.of(del("In_Progress/cloud_agent/t1.md"), add("Needs_Action/t1.md")), List.of()),
                Arguments.of("deleting another agent's claim without a move", LOCAL,
                        List.of(del("In_Progress/cloud_agent/t1.md")), List.of(del("In_Progress/cloud_agent/t1.md"))),
                Arguments.of("editing another agent's claim", LOCAL,
                        List.of(mod("In_Progress/cloud_agent/t1.md")), List.of(mod("In_Progress/cloud_agent/t1.md"))),
                Arguments.of("local approves", LOCAL,
                        List.of(del("Pending_Approval/email/d.md"), add("Approved/d.md")), List.of()),
                Arguments.of("local rejects", LOCAL,
                        List.of(del("Pending_Approval/social/d.md"), add("Rejected/d.md")), List.of()),
                Arguments.of("verdict from a conflicts folder is not a verdict", LOCAL,
                        List.of(del("Pending_Approval/conflicts/cloud_agent/d.md"), add("Approved/d.md")),
                        List.of(del("Pending_Approval/conflicts/cloud_agent/d.md"))),
                Arguments.of("cloud forges a verdict", CLOUD,
                        List.of(del("Pending_Approval/email/d.md"), add("Approved/d.md")), List.of(add("Approved/d.md"))),
                Arguments.of("local deletes a draft without a verdict", LOCAL,
                        List.of(del("Pending_Approval/email/d.md")), List.of(del("Pending_Approval/email/d.md"))),
                Arguments.of("verdict with a modify instead of an add", LOCAL,
                        List.of(del("Pending_Approval/email/d.md"), mod("Approved/d.md")),
                        List.of(del("Pending_Approval/email/d.md"))),
                Arguments.of("mixed commit keeps input order", CLOUD,
                        List.of(mod("Dashboard.md"), add("Plans/p.md"), mod("Policy/x.md"), add("Updates/SIGNAL.md")),
                        List.of(mod("Dashboard.md"), mod("Policy/x.md"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitions")
    void partitionAdmitsOnlyZonesAndSanctionedMoves(String name, String agent, List<Change> changes, List<Change> outside) {
        Partition p = ZONES.partition(agent, changes);

        assertThat(p.outside()).containsExactlyElementsOf(outside);
        assertThat(p.allowed()).containsExactlyElementsOf(changes.stream().filter(c -> !outside.contains(c)).toList());
        assertThat(p.isClean()).isEqualTo(outside.isEmpty());
    }

    @Test
    void unknownAgentMayWriteNothing() {
        List<Change> changes = Arrays.asList(add("Done/x.md"), del("Needs_Action/t.md"));
        assertThat(ZONES.partition("stranger", changes).outside()).isEqualTo(changes);
    }

    private static Change add(String path) {
        return Change.add(path);
    }

    private static Change mod(String path) {
        return Change.modify(path);
    }

    private static Change del(String path) {
        return Change.delete(path);
    }
}
