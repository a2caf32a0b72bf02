package io.vaultsync.distribution.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.rules.Strategy;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.strategy.Output;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks over made-up outputs, from a table. */
class ValidatorTest {
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}}}";

    private static SyncValidation run(String path, String text, Set<String> downstream, boolean tagged) {
        SyncRule rule = new SyncRule("r", null, "**", "org/a", "", Strategy.COPY, null, null, null, null);
        List<Output> outputs = List.of(new Output(path, "src/" + path, text.getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> source = Map.of("s.json", SCHEMA.getBytes(StandardCharsets.UTF_8));
        return Validator.validate(new Validator.Input(rule, "org/a", "v1.0.0", "abc", outputs, () -> outputs, downstream,
                p -> Optional.ofNullable(source.get(p)), List.of("src/private/**"), tagged));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "all good                       | a.md         | '[b](b.md)\n'                                      | pass",
        "link to a downstream file      | a.md         | '[r](README.md)\n'                                 | pass",
        "broken link                    | a.md         | '[x](missing.md)\n'                                | links",
        "json block valid               | a.md         | '```json schema=s.json\n{\"name\": \"x\"}\n```\n'  | pass",
        "yaml block invalid             | a.md         | '```yaml schema=s.json\nname: 3\n```\n'            | schema",
        "schema not in the source       | a.md         | '```yaml schema=nope.json\nname: x\n```\n'         | schema",
        "block without schema unchecked | a.md         | '```yaml\nname: 3\n```\n'                          | pass",
        "unparsable block               | a.md         | '```json schema=s.json\n{name\n```\n'              | schema",
        "internal-only marker           | a.md         | 'INTERNAL-ONLY: not for partners\n'                | secrets",
        "private path                   | private/x.md | 'hello\n'                                          | secrets",
        "denied name                    | .env         | 'hello\n'                                          | secrets",
    })
    void checks(String what, String path, String text, String failing) {
        SyncValidation v = run(path, text.replace("\\n", "\n"), Set.of("README.md", "b.md"), true);

        if (failing.equals("pass")) {
            assertThat(v.status()).as(v.toString()).isEqualTo(SyncValidation.Status.PASS);
        } else {
            assertThat(v.failures()).as(v.toString()).extracting(SyncValidation.Check::name).containsExactly(failing);
            assertThat(v.failures().get(0).files()).containsExactly(path);
        }
    }

    @ParameterizedTest(name = "tagged={0}")
    @CsvSource({"true, pass", "false, warn"})
    void anUntaggedVersionOnlyWarns(boolean tagged, String status) {
        SyncValidation v = run("a.md", "x\n", Set.of(), tagged);
        assertThat(v.status().word()).isEqualTo(status);
        assertThat(v.blocked()).isFalse();
    }
}
