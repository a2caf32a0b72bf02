package io.vaultsync.distribution.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.Strategy;
import io.vaultsync.distribution.rules.SyncRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strategies and the path mapping, pure. */
class StrategiesTest {
    private static SyncRule rule(String source, String target, Strategy strategy) {
        return new SyncRule("r", null, source, "org/a", target, strategy, null, null, null, null);
    }

    @ParameterizedTest(name = "{0} + {1}: {2} -> {3}")
    @CsvSource({
        "docs/**/*.md, handbook/, docs/a/b.md, handbook/a/b.md",
        "docs/**/*.md, handbook, docs/b.md, handbook/b.md",
        "docs/**/*.md, '', docs/b.md, b.md",
        "specs/one.md, vendor/ONE.md, specs/one.md, vendor/ONE.md",
        "specs/one.md, vendor/, specs/one.md, vendor/one.md",
    })
    void targetPaths(String source, String target, String path, String expected) {
        assertThat(Pipeline.targetFor(rule(source, target, Strategy.COPY), path)).isEqualTo(expected);
    }

    @Test
    void aTemplateRendersTheVariablesWithoutEscapingAndDropsItsSuffix() {
        SyncRule r = rule("t/*.mustache", "out/", Strategy.TEMPLATE);
        Pipeline.Context ctx = new Pipeline.Context("v1.0.0", "abc", "org/a", Map.of("product", "A & B", "items", List.of("x", "y")),
                new Registry.Source(null, null));

        List<Output> out = Pipeline.run(r, Map.of("t/README.md.mustache",
                "# {{product}} {{version}}\n{{#items}}- {{.}}\n{{/items}}".getBytes(StandardCharsets.UTF_8)), ctx, Pipeline.Step.NONE);

        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo("out/README.md");
            assertThat(new String(o.bytes(), StandardCharsets.UTF_8)).isEqualTo("# A & B v1.0.0\n- x\n- y\n");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing variable   | Hello {{name}} | t/x.mustache: template variable 'name' is not set",
        "missing section    | {{#list}}x{{/list}} | template variable 'list' is not set",
        "partial refused    | {{> other}} | partials",
        "unclosed section   | {{#a}}x | not a valid Mustache template",
    })
    void aBadTemplateIsAnErrorNamingIt(String what, String template, String expected) {
        assertThatThrownBy(() -> Templates.render("t/x.mustache", template, Map.of("other", "1")))
                .isInstanceOf(DistributionException.class).hasMessageContaining(expected);
    }

    @Test
    void aReferenceIsAStubThatLinksToTheReleasedVersion() {
        SyncRule r = rule("specs/*.md", "vendor/", Strategy.REFERENCE);
        Pipeline.Context ctx = new Pipeline.Context("v2.0.0", "abc", "org/a", Map.of(),
                new Registry.Source("core", "https://git.example/core/blob/{version}/{path}"));

        Output o = Pipeline.run(r, Map.of("specs/a.md", "secret content".getBytes(StandardCharsets.UTF_8)), ctx, Pipeline.Step.NONE).get(0);

        assertThat(new String(o.bytes(), StandardCharsets.UTF_8)).contains("[`specs/a.md` in core at v2.0.0](https://git.example/core/blob/v2.0.0/specs/a.md)")
                .doesNotContain("secret content");
    }

    @Test
    void twoSourcesLandingOnOnePathIsAnError() {
        SyncRule r = new SyncRule("r", null, "docs/**", "org/a", "out/", Strategy.COPY, null, null,
                new SyncRule.Transforms(false, List.of(new SyncRule.RewritePath("out/b.md", "out/a.md"))), null);
        Pipeline.Context ctx = new Pipeline.Context("v1", "c", "org/a", Map.of(), new Registry.Source(null, null));

        assertThatThrownBy(() -> Pipeline.run(r, Map.of("docs/a.md", new byte[] {'a'}, "docs/b.md", new byte[] {'b'}), ctx, Pipeline.Step.NONE))
                .hasMessageContaining("docs/a.md and docs/b.md both land at out/a.md");
    }

    @Test
    void binaryFilesAreCopiedAsTheyAre() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Output o = Pipeline.run(rule("img/*", "i/", Strategy.COPY), Map.of("img/a.png", png),
                new Pipeline.Context("v1", "c", "org/a", Map.of(), new Registry.Source(null, null)), Pipeline.Step.NONE).get(0);
        assertThat(o.bytes()).isEqualTo(png);
    }
}
