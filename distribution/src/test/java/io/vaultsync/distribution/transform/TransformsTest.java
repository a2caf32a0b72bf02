package io.vaultsync.distribution.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.rules.SyncRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The link transforms and path rewrites, from a table. */
class TransformsTest {
    private static final Map<String, String> PUBLISHED = Map.of(
            "docs/guide.md", "handbook/guide.md",
            "docs/api.md", "reference/api.md",
            "docs/img/logo.png", "handbook/img/logo.png");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "link to a moved file            | false | [API](api.md)                  | [API](../reference/api.md)",
        "fragment kept                   | false | [API](api.md#calls)            | [API](../reference/api.md#calls)",
        "image follows its file          | false | ![logo](img/logo.png)          | ![logo](img/logo.png)",
        "internal link stripped          | true  | see [plan](../internal/plan.md) | see plan",
        "internal link kept without strip| false | see [plan](../internal/plan.md) | see [plan](../internal/plan.md)",
        "external link untouched         | true  | [home](https://example.org/x)  | [home](https://example.org/x)",
        "anchor untouched                | true  | [top](#top)                    | [top](#top)",
        "escaping link stripped          | true  | [x](../../../../etc/passwd)    | x",
        "two links on a line             | true  | [a](api.md) and [b](nope.md)   | [a](../reference/api.md) and b",
    })
    void linksAreRewrittenOrStripped(String what, boolean strip, String line, String expected) {
        SyncRule.Transforms t = new SyncRule.Transforms(strip, List.of());

        assertThat(Transforms.links(t, "docs/guide.md", "handbook/guide.md", line + "\n", PUBLISHED)).isEqualTo(expected + "\n");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"```\n[API](api.md)\n```\n", "~~~md\n[plan](../internal/plan.md)\n~~~\n"})
    void fencedCodeIsNotTouched(String t) {
        assertThat(Transforms.links(new SyncRule.Transforms(true, List.of()), "docs/guide.md", "handbook/guide.md", t, PUBLISHED))
                .isEqualTo(t);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "handbook/api.md, reference/api.md",
        "handbook/api.mdx, handbook/api.mdx",
        "handbook/sub/x.md, guides/x.md",
        "handbook/sub, guides",
        "other/a.md, other/a.md",
    })
    void pathsAreRewrittenByPrefix(String path, String expected) {
        SyncRule.Transforms t = new SyncRule.Transforms(false, List.of(
                new SyncRule.RewritePath("handbook/api.md", "reference/api.md"), new SyncRule.RewritePath("handbook/sub/", "guides/")));

        assertThat(Transforms.rewritePath(t, path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} to {1} = {2}")
    @CsvSource({
        "a/b/c.md, a/d.md, ../d.md",
        "a/c.md, a/d.md, d.md",
        "c.md, a/d.md, a/d.md",
        "a/b/c.md, x/y.md, ../../x/y.md",
    })
    void relativeLinks(String from, String to, String expected) {
        assertThat(Links.relative(from, to)).isEqualTo(expected);
        assertThat(Links.resolve(from, expected)).isEqualTo(to);
    }
}
