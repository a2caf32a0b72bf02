package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.PolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {

    private static final String FILE = ".vaultsync/policy.yaml";

    private static final String SAMPLE = """
            version: 1
            branch: main
            agents:
              - name: cloud_agent
                role: cloud
                zones: [Needs_Action/, Pending_Approval/, Updates/, Plans/, In_Progress/cloud_agent/]
              - name: local_agent
                role: LOCAL
            gate:
              maxFileSize: 5MB
              deny: ["*.secret"]
            """;

    @Test
    void defaultsRoundTripThroughRenderAndParse() {
        Policy defaults = Policy.defaults("cloud_agent", "local_agent");
        String text = PolicyLoader.render(defaults);

        assertThat(PolicyLoader.parse(text, FILE)).isEqualTo(defaults);
        assertThat(text).startsWith("# ").contains("owned by the local agent", "'**'", "version: 1", "maxFileSize: 5MB");
    }

    @Test
    void awkwardValuesRoundTripThroughRenderAndParse() {
        Policy policy = new Policy(1, "release/v1.0", List.of(
                new AgentSpec("true", Role.CLOUD, List.of("**/*.md", "Notes (old)/", "Ärger/?.md", "say \"hi\"/", "x: #y/")),
                new AgentSpec("1e3", Role.LOCAL, List.of()),
                AgentSpec.withDefaultZones("null", Role.LOCAL)),
                new GateSettings(1000, List.of("*.secret", "!keep.secret", "#x", "[ab]*", "{a,b}")));

        assertThat(PolicyLoader.parse(PolicyLoader.render(policy), FILE)).isEqualTo(policy);
    }

    @Test
    void readsTheDocumentedShapeFillingDefaults() {
        Policy p = PolicyLoader.parse(SAMPLE, FILE);

        assertThat(p.agent("local_agent")).get().extracting(AgentSpec::role, AgentSpec::zones)
                .containsExactly(Role.LOCAL, Policy.defaultZones(Role.LOCAL, "local_agent"));
        assertThat(p.gate()).isEqualTo(new GateSettings(5L << 20, List.of("*.secret")));
        assertThat(PolicyLoader.parse("version: 1\nagents: [{name: l, role: local}]\n", FILE))
                .isEqualTo(new Policy(1, "main", List.of(AgentSpec.withDefaultZones("l", Role.LOCAL)), GateSettings.defaults()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1        | 1
            5242880  | 5242880
            '512KB'  | 524288
            '512 kb' | 524288
            '5MB'    | 5242880
            '5M'     | 5242880
            '1GiB'   | 1073741824
            '2g'     | 2147483648
            '100B'   | 100
            """)
    void readsSizesAsBytesOrWithA1024BasedUnit(String yaml, long bytes) {
        Policy p = PolicyLoader.parse("version: 1\nagents: [{name: l, role: local}]\ngate:\n  maxFileSize: " + yaml + "\n", FILE);

        assertThat(p.gate().maxFileSize()).isEqualTo(bytes);
        assertThat(Sizes.parse(Sizes.format(bytes))).hasValue(bytes);
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                Arguments.of("malformed YAML", """
                        version: 1
                        agents:
                          - name: a
                           role: local
                        """, List.of(FILE + ":4: malformed YAML: ")),
                Arguments.of("unknown top-level key", "version: 1\nbrunch: main\nagents: []\n",
                        List.of(FILE + ":2: unknown key 'brunch' (known: agents, branch, gate, signatures_from, version)")),
                Arguments.of("unknown agent key", """
                        version: 1
                        agents:
                          - name: cloud_agent
                            role: cloud
                          - name: local_agent
                            role: local
                            zonez: [Done/]
                        """, List.of(FILE + ":7: unknown key 'zonez' in agents[1] (known: name, revoked_keys, role, signing_keys, zones)")),
                Arguments.of("unknown gate key", "version: 1\ngate:\n  maxSize: 5\n",
                        List.of(FILE + ":3: unknown key 'maxSize' in gate (known: deny, maxFileSize)")),
                Arguments.of("wrong role value", "version: 1\nagents:\n  - name: a\n    role: clod\n",
                        List.of(FILE + ":4: key 'role': 'clod' is not one of cloud, local (in agents[0])")),
                Arguments.of("role as a number", "version: 1\nagents:\n  - name: a\n    role: 1\n",
                        List.of(FILE + ":4: key 'role': ", "(in agents[0])")),
                Arguments.of("zones not a list", "version: 1\nagents:\n  - name: a\n    role: local\n    zones: 5\n",
                        List.of(FILE + ":5: key 'zones': expected a list, got a number (in agents[0])")),
                Arguments.of("zone not a string", "version: 1\nagents:\n  - name: a\n    role: local\n    zones: [Done/, 7]\n",
                        List.of(FILE + ":5: key 'zones[1]': expected a string, got a number (in agents[0])")),
                Arguments.of("version as a string", "version: '1'\nagents: []\n",
                        List.of(FILE + ":1: key 'version': expected a whole number, got a string")),
                Arguments.of("agents not a list", "version: 1\nagents: local\n",
                        List.of(FILE + ":2: key 'agents': expected a list, got a string")),
                Arguments.of("agent not a mapping", "version: 1\nagents:\n  - local_agent\n",
                        List.of(FILE + ":3: key 'agents[0]': expected a mapping, got a string")),
                Arguments.of("document not a mapping", "- 1\n- 2\n",
                        List.of(FILE + ":1: the document: expected a mapping, got a list")),
                Arguments.of("duplicate key", "version: 1\nversion: 1\n",
                        List.of(FILE + ":2: duplicate key 'version'")),
                Arguments.of("two documents", "version: 1\nagents: [{name: l, role: local}]\n---\nversion: 1\n",
                        List.of(FILE + ":", "more than one YAML document")),
                Arguments.of("decimal version", "version: 1.5\n",
                        List.of(FILE + ":1: key 'version': expected a whole number, got a decimal number")),
                Arguments.of("tab indentation", "version: 1\nagents:\n\t- name: a\n",
                        List.of(FILE + ":3: malformed YAML: ")),
                Arguments.of("bad size", "version: 1\ngate:\n  maxFileSize: 5XB\n",
                        List.of(FILE + ":3: key 'maxFileSize': '5XB' is not a size (", "(in gate)")),
                Arguments.of("zero size", "version: 1\ngate:\n  maxFileSize: 0\n",
                        List.of(FILE + ":3: key 'maxFileSize': '0' is not a positive size (in gate)")),
                Arguments.of("empty file", "# nothing here\n",
                        List.of(FILE + ":1: the policy file is empty")),
                Arguments.of("missing version", "branch: main\nagents: []\n",
                        List.of(FILE + ":1: missing key 'version'")),
                Arguments.of("bad version", "# header\nversion: 2\nagents: []\n",
                        List.of(FILE + ":2: key 'version': unsupported version 2")),
                Arguments.of("bad branch", "version: 1\nbranch: 'a b'\nagents: []\n",
                        List.of(FILE + ":2: key 'branch': 'a b' is not a valid git branch name")),
                Arguments.of("no agents", "version: 1\nagents: []\n",
                        List.of(FILE + ":2: key 'agents': at least one agent is required")),
                Arguments.of("missing name", "version: 1\nagents:\n  - role: local\n",
                        List.of(FILE + ":3: missing key 'name' in agents[0]")),
                Arguments.of("missing role", "version: 1\nagents:\n  - name: a\n    zones: []\n",
                        List.of(FILE + ":3: missing key 'role' in agents[0]")),
                Arguments.of("bad name", "version: 1\nagents:\n  - role: local\n    name: 'a b'\n",
                        List.of(FILE + ":4: key 'name': 'a b' is not a valid agent name (", "(in agents[0])")),
                Arguments.of("bad zone", "version: 1\nagents:\n  - name: a\n    role: local\n    zones:\n      - Done/\n      - Done/../etc/\n",
                        List.of(FILE + ":7: key 'zones[1]': bad zone 'Done/../etc/': '..' segments are not allowed (in agents[0])")),
                Arguments.of("duplicate names", """
                        version: 1
                        agents:
                          - name: twin
                            role: cloud
                          - name: twin
                            role: local
                        """, List.of(FILE + ":5: key 'name': duplicate agent name 'twin' (in agents[1], first in agents[0])")),
                Arguments.of("no local agent", """
                        version: 1
                        branch: main
                        agents:
                          - name: cloud_agent
                            role: cloud
                        """, List.of(FILE + ":3: key 'agents': no agent has role local")),
                Arguments.of("blank deny pattern", "version: 1\nagents: [{name: l, role: local}]\ngate:\n  deny: ['']\n",
                        List.of(FILE + ":4: key 'deny[0]': empty pattern (in gate)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void invalidPolicyNamesFileLineAndKeyOnOneLine(String name, String yaml, List<String> expected) {
        assertThatThrownBy(() -> PolicyLoader.parse(yaml, FILE))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains(expected)
                        .doesNotContain("\n", "com.fasterxml", "jackson", "Cannot deserialize", "Source:"));
    }

    @Test
    void loadReadsAFileAndNamesItInMessages(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, PolicyLoader.render(Policy.defaults("c", "l")), StandardCharsets.UTF_8);
        assertThat(PolicyLoader.load(file)).isEqualTo(Policy.defaults("c", "l"));

        Files.writeString(file, "version: 1\nagents:\n  - name: c\n    role: clod\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":4: key 'role': 'clod'");
    }

    @Test
    void loadReportsAMissingFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessage(file + ": no policy file (run init to create one)");
    }
}
