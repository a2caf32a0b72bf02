package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.PolicyException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the exact line a user reads for each shape of bad policy YAML. {@link YamlErrors} builds it from
 * Jackson's and SnakeYAML's exceptions (their types, message prefixes such as {@code Duplicate field} and
 * {@code Trailing token}, the parser's current token, the parser's own problem text), so an upgrade of
 * either library that changes one of them shows up here as a changed row, not as a vaguer message.
 */
class YamlErrorsTest {

    private static final String FILE = ".vaultsync/policy.yaml";

    static Stream<Arguments> badYaml() {
        return Stream.of(
                // SnakeYAML's MarkedYAMLException: its problem text and mark
                row("tab indentation", "version: 1\nagents:\n\t- name: a\n",
                        "3: malformed YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                row("unterminated quote", "version: 'abc\n", "2: malformed YAML: found unexpected end of stream"),
                row("list item after a mapping", "version: 1\nagents: [{name: l, role: local}]\n- x\n",
                        "3: malformed YAML: expected <block end>, but found '-'"),
                // Jackson's own message prefixes
                row("duplicate key", "version: 1\nversion: 1\n", "2: duplicate key 'version'"),
                row("duplicate key in an agent", "version: 1\nagents:\n  - name: a\n    role: local\n    name: b\n",
                        "5: duplicate key 'name'"),
                row("second document", "version: 1\nagents: [{name: l, role: local}]\n---\nversion: 1\n",
                        "4: more than one YAML document (the policy is a single document)"),
                row("empty second document", "version: 1\nagents: [{name: l, role: local}]\n---\n",
                        "4: more than one YAML document (the policy is a single document)"),
                row("empty file", "", "1: the policy file is empty"),
                row("only a comment", "# nothing\n", "1: the policy file is empty"),
                // a parse error that is not SnakeYAML's: Jackson's first line, as it is
                row("complex key", "? [a]\n: 1\n", "1: malformed YAML: Expected a field name (Scalar value in YAML), got this"
                        + " instead: <org.yaml.snakeyaml.events.SequenceStartEvent(anchor=null, tag=null, implicit=true)>"),
                // UnrecognizedPropertyException: the key and the known ones
                row("unknown top-level key", "version: 1\ncolour: red\n",
                        "2: unknown key 'colour' (known: agents, branch, gate, signatures_from, version)"),
                row("unknown agent key", "version: 1\nagents:\n  - name: a\n    rolle: local\n",
                        "4: unknown key 'rolle' in agents[0] (known: name, revoked_keys, role, signing_keys, zones)"),
                // InvalidFormatException: an enum value, and our own size checks ("is ...")
                row("unknown role", "version: 1\nagents:\n  - name: a\n    role: clod\n",
                        "4: key 'role': 'clod' is not one of cloud, local (in agents[0])"),
                row("role as a number", "version: 1\nagents:\n  - name: a\n    role: 1\n",
                        "4: key 'role': '1' is not one of cloud, local (in agents[0])"),
                row("empty role", "version: 1\nagents:\n  - name: a\n    role: ''\n",
                        "4: key 'role': '' is not one of cloud, local (in agents[0])"),
                row("bad size", "version: 1\ngate:\n  maxFileSize: 5XB\n",
                        "3: key 'maxFileSize': '5XB' is not a size (bytes, or a size like 512KB, 5MB, 1GB) (in gate)"),
                row("zero size", "version: 1\ngate:\n  maxFileSize: 0\n", "3: key 'maxFileSize': '0' is not a positive size (in gate)"),
                // MismatchedInputException: what was expected and the token the parser stood on
                row("version as a string", "version: '1'\nagents: []\n", "1: key 'version': expected a whole number, got a string"),
                row("version as a decimal", "version: 1.5\n", "1: key 'version': expected a whole number, got a decimal number"),
                row("version as a boolean", "version: true\n", "1: key 'version': expected a whole number, got a boolean"),
                row("version as a list", "version: [1\n", "1: key 'version': expected a whole number, got a list"),
                row("branch as a number", "version: 1\nbranch: 5\n", "2: key 'branch': expected a string, got a number"),
                row("branch as a list", "version: 1\nbranch: [main]\n", "2: key 'branch': expected a string, got a list"),
                row("agents as a string", "version: 1\nagents: local\n", "2: key 'agents': expected a list, got a string"),
                row("agent as a string", "version: 1\nagents:\n  - local_agent\n",
                        "3: key 'agents[0]': expected a mapping, got a string"),
                row("role as a list", "version: 1\nagents:\n  - name: a\n    role: [local]\n",
                        "4: key 'role': expected one of cloud, local, got a list (in agents[0])"),
                row("name as a number", "version: 1\nagents:\n  - name: 7\n", "3: key 'name': expected a string, got a number (in agents[0])"),
                row("zones as a number", "version: 1\nagents:\n  - name: a\n    role: local\n    zones: 5\n",
                        "5: key 'zones': expected a list, got a number (in agents[0])"),
                row("zones as an empty string", "version: 1\nagents:\n  - name: a\n    role: local\n    zones: ''\n",
                        "5: key 'zones': expected a list, got a string (in agents[0])"),
                row("zone as a number", "version: 1\nagents:\n  - name: a\n    role: local\n    zones: [Done/, 7]\n",
                        "5: key 'zones[1]': expected a string, got a number (in agents[0])"),
                row("zone as a mapping", "version: 1\nagents:\n  - name: a\n    role: local\n    zones: [Done/, {x: 1}]\n",
                        "5: key 'zones[1]': expected a string, got a mapping (in agents[0])"),
                row("gate as a number", "version: 1\ngate: 5\n", "2: key 'gate': expected a mapping, got a number"),
                row("deny as a string", "version: 1\nagents: [{name: l, role: local}]\ngate:\n  deny: deny-this\n",
                        "4: key 'deny': expected a list, got a string (in gate)"),
                row("size as a list", "version: 1\ngate:\n  maxFileSize: [1]\n",
                        "3: key 'maxFileSize': expected a whole number, got a list (in gate)"),
                row("size as a boolean", "version: 1\ngate:\n  maxFileSize: true\n",
                        "3: key 'maxFileSize': expected a whole number, got a boolean (in gate)"),
                row("document as a list", "- 1\n- 2\n", "1: the document: expected a mapping, got a list"),
                row("document as a string", "just text\n", "1: the document: expected a mapping, got a string"),
                // anything else: Jackson's first line after the key
                row("version out of range", "version: 99999999999\n",
                        "1: key 'version': Numeric value (99999999999) out of range of int (-2147483648 - 2147483647)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badYaml")
    void badYamlReadsAsExactlyThisLine(String name, String yaml, String expected) {
        assertThatThrownBy(() -> PolicyLoader.parse(yaml, FILE))
                .isInstanceOf(PolicyException.class)
                .hasMessage(expected);
    }

    private static Arguments row(String name, String yaml, String lineAndMessage) {
        return Arguments.of(name, yaml, FILE + ":" + lineAndMessage);
    }
}
