package io.vaultsync.distribution.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict parsing of rules and the registry: each bad input names the file, the line and the key. */
class RuleParsingTest {
    @TempDir
    Path tmp;

    private static final String GOOD = """
            sync_rule:
              id: copy-docs
              source: "docs/**/*.md"
              target_repo: org/webapp
              target_path: handbook/
              strategy: copy
              frequency: on_change
              filters: {include: ["**/*.md"], exclude: ["docs/drafts/**"]}
              transforms:
                strip_internal_links: true
                rewrite_paths: {from: handbook/a.md, to: b/a.md}
              validation: {checksum: false}
            """;

    @Test
    void aGoodRuleReadsWithItsDefaults() throws Exception {
        Files.writeString(tmp.resolve("copy.yaml"), GOOD);
        Files.createDirectories(tmp.resolve("archived"));
        Files.writeString(tmp.resolve("archived/old.yaml"), "not: a rule\n");

        RuleSet set = RuleSet.load(tmp);

        SyncRule r = set.rules().get(0);
        assertThat(set.rules()).hasSize(1);
        assertThat(r.name()).isEqualTo("copy-docs");
        assertThat(r.frequency()).isEqualTo(Frequency.ON_CHANGE);
        assertThat(r.transforms().rewritePaths()).containsExactly(new SyncRule.RewritePath("handbook/a.md", "b/a.md"));
        assertThat(r.validation().checksum()).isFalse();
        assertThat(r.validation().schemaCheck()).isTrue();
        assertThat(r.filters().exclude()).containsExactly("docs/drafts/**");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top key      | 'sync_rule: {id: a, source: x, target_repo: r, strategy: copy}\nsync_rules: 1\n' | r.yaml:2: unknown key 'sync_rules' (known: sync_rule)",
        "unknown rule key     | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: copy\n  colour: red\n' | r.yaml:6: unknown key 'colour' in sync_rule (known: filters, frequency, id, name, source, strategy, target_path, target_repo, transforms, validation)",
        "bad strategy         | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: symlink\n' | r.yaml:5: key 'strategy': 'symlink' is not one of copy, template, reference (in sync_rule)",
        "bad frequency        | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: copy\n  frequency: hourly\n' | r.yaml:6: key 'frequency': 'hourly' is not one of on_release, on_change, manual (in sync_rule)",
        "missing source       | 'sync_rule:\n  id: a\n  target_repo: r\n  strategy: copy\n' | missing required key 'sync_rule.source'",
        "bad id               | 'sync_rule:\n  id: Not An Id\n  source: x\n  target_repo: r\n  strategy: copy\n' | is not an id",
        "escaping target path | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: copy\n  target_path: ../etc/\n' | may not contain '.' or '..'",
        "a .git target        | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: copy\n  target_path: .git/hooks/\n' | may not contain a '.git' folder",
        "unknown transform    | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: copy\n  transforms: {strip: true}\n' | unknown key 'strip' in sync_rule.transforms",
        "rewrite without to   | 'sync_rule:\n  id: a\n  source: x\n  target_repo: r\n  strategy: copy\n  transforms:\n    rewrite_paths: [{from: a}]\n' | missing required key 'sync_rule.transforms.rewrite_paths[0].to'",
        "duplicate key        | 'sync_rule:\n  id: a\n  id: b\n' | r.yaml:3: duplicate key 'id'",
        "malformed YAML       | 'sync_rule:\n  id: a\n   source: x: y\n' | r.yaml:3: malformed YAML",
        "a list, not a map    | 'sync_rule: [1, 2]\n' | r.yaml:1: key 'sync_rule': expected a mapping",
        "empty file           | '' | r.yaml",
    })
    void aBadRuleNamesFileLineAndKey(String what, String yaml, String expected) throws Exception {
        Files.writeString(tmp.resolve("r.yaml"), yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> RuleSet.load(tmp)).isInstanceOf(DistributionException.class)
                .hasMessageContaining(tmp.resolve("r.yaml").toString().replace("r.yaml", "")).hasMessageContaining(expected);
    }

    @Test
    void aHugeFileIsRefusedUnread() throws Exception {
        Files.writeString(tmp.resolve("big.yaml"), GOOD + "#" + "x".repeat(YamlInput.MAX_CHARS) + "\n");

        assertThatThrownBy(() -> RuleSet.load(tmp)).hasMessageContaining("big.yaml: ").hasMessageContaining("more than a rules or registry file may hold");
    }

    @Test
    void everyBadFileIsReportedAndDuplicateIdsToo() throws Exception {
        Files.writeString(tmp.resolve("a.yaml"), GOOD);
        Files.writeString(tmp.resolve("b.yaml"), GOOD);
        Files.writeString(tmp.resolve("c.yml"), "sync_rule: {id: c}\n");

        assertThatThrownBy(() -> RuleSet.load(tmp)).hasMessageContaining("b.yaml: rule id 'copy-docs' is also the id of a.yaml")
                .hasMessageContaining("c.yml:1: missing required key 'sync_rule.source'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no downstreams       | 'source: {name: x}\n' | missing required key 'downstreams'",
        "unknown key          | 'downstreams:\n  org/a: {url: /x, brnch: main}\n' | registry.yaml:2: unknown key 'brnch' in downstreams.org/a",
        "missing url          | 'downstreams:\n  org/a: {branch: main}\n' | missing required key 'downstreams.org/a.url'",
        "variables not a map  | 'downstreams:\n  org/a: {url: /x, variables: [1]}\n' | registry.yaml:2: key 'variables': expected a mapping (in downstreams.org/a)",
        "auto_merge not bool  | 'downstreams:\n  org/a: {url: /x, auto_merge: sometimes}\n' | key 'auto_merge': expected true or false (in downstreams.org/a)",
        "bad threshold        | 'downstreams:\n  org/a: {url: /x, thresholds: {on_release_days: 0}}\n' | must be a whole number above 0",
    })
    void aBadRegistryNamesFileLineAndKey(String what, String yaml, String expected) throws Exception {
        Path file = tmp.resolve("registry.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> Registry.load(file)).isInstanceOf(DistributionException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "docs/**/*.md, docs/a.md, true",
        "docs/**/*.md, docs/x/y/a.md, true",
        "docs/**/*.md, docs/a.txt, false",
        "docs/*.md, docs/x/a.md, false",
        "docs/**, docs/x/a.md, true",
        "specs/?.md, specs/a.md, true",
        "specs/a.md, specs/a.md, true",
        "specs/a.md, specs/a.mdx, false",
        "**/private/**, a/private/b.md, true",
    })
    void globs(String glob, String path, boolean matches) {
        assertThat(Globs.matches(glob, path)).isEqualTo(matches);
    }
}
