package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {

    @Test
    void defaultsHaveOneCloudAndOneLocalAgentWithDefaultZones() {
        Policy p = Policy.defaults("cloud_agent", "local_agent");

        assertThat(p.version()).isEqualTo(1);
        assertThat(p.branch()).isEqualTo("main");
        assertThat(p.gate()).isEqualTo(new GateSettings(5L * 1024 * 1024, List.of()));
        assertThat(p.agent("cloud_agent")).get().extracting(AgentSpec::role, AgentSpec::zones).containsExactly(
                Role.CLOUD, List.of("Needs_Action/", "Pending_Approval/", "Updates/", "Plans/", "In_Progress/cloud_agent/"));
        assertThat(p.agent("local_agent")).get().extracting(AgentSpec::role, AgentSpec::zones).containsExactly(
                Role.LOCAL, List.of("Approved/", "Rejected/", "Done/", "Dashboard.md", "In_Progress/local_agent/",
                        ".obsidian/"));
        assertThat(p.agent("nobody")).isEmpty();
    }

    @Test
    void rejectsAnotherVersion() {
        assertThatThrownBy(() -> new Policy(2, "main", Policy.defaults("c", "l").agents(), GateSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatThrownBy(() -> Policy.defaults("same", "same"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate agent name 'same'");
    }

    @Test
    void requiresALocalAgent() {
        List<AgentSpec> cloudOnly = List.of(AgentSpec.withDefaultZones("c", Role.CLOUD));
        assertThatThrownBy(() -> new Policy(1, "main", cloudOnly, GateSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role local");
        assertThatThrownBy(() -> new Policy(1, "main", List.of(), GateSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one agent");
    }

    @Test
    void rejectsAnInvalidBranch() {
        assertThatThrownBy(() -> new Policy(1, "bad..name", Policy.defaults("c", "l").agents(), GateSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad branch name 'bad..name'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            main          | true
            release/v1.0  | true
            vault-sync_2  | true
            a..b          | false
            a b           | false
            -main         | false
            feature/      | false
            .hidden       | false
            x.lock        | false
            a@{1}         | false
            what?         | false
            """)
    void validatesBranchNamesLikeGit(String branch, boolean valid) {
        assertThat(Policy.isValidBranch(branch)).isEqualTo(valid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", "_x", "a b", "a/b", "ä", "x0123456789012345678901234567890123456789012345678901234567890123"})
    void rejectsBadAgentNames(String name) {
        assertThatThrownBy(() -> AgentSpec.withDefaultZones(name, Role.CLOUD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad agent name '" + name + "'");
    }

    @Test
    void agentSpecCopiesAndChecksItsZones() {
        List<String> zones = new ArrayList<>(List.of("Done/"));
        AgentSpec spec = new AgentSpec("a.b-c_1", Role.LOCAL, zones);
        zones.add("Plans/");

        assertThat(spec.zones()).containsExactly("Done/");
        assertThatThrownBy(() -> new AgentSpec("a", Role.LOCAL, List.of("a/../b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad zone 'a/../b'");
    }

    @Test
    void gateSettingsRejectNonPositiveSizesAndBlankPatterns() {
        assertThatThrownBy(() -> new GateSettings(0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GateSettings(1, List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }
}
