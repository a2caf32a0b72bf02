package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Dashboard.md          | Dashboard.md                  | true
            Dashboard.md          | Dashboard.mdx                 | false
            Dashboard.md          | Done/Dashboard.md             | false
            Dashboard.md          | DashboardXmd                  | false
            Approved/             | Approved/a.md                 | true
            Approved/             | Approved/deep/er/a.md         | true
            Approved/             | Approved                      | false
            Approved/             | ApprovedX/a.md                | false
            Approved/             | Done/Approved/a.md            | false
            Done/*.md             | Done/a.md                     | true
            Done/*.md             | Done/.md                      | true
            Done/*.md             | Done/sub/a.md                 | false
            Done/*.md             | Done/a.txt                    | false
            *                     | top.md                        | true
            *                     | Done/top.md                   | false
            Done/**/*.md          | Done/a.md                     | true
            Done/**/*.md          | Done/x/y/z.md                 | true
            Done/**/*.md          | Done/x/y/z.txt                | false
            Done/**               | Done/x/y                      | true
            **/*.md               | a/b/c.md                      | true
            **/*.md               | c.md                          | true
            **                    | anything/at/all               | true
            Done/?.md             | Done/a.md                     | true
            Done/?.md             | Done/ab.md                    | false
            Done/?.md             | Done//.md                     | false
            In_Progress/*/        | In_Progress/bob/t.md          | true
            In_Progress/*/        | In_Progress/t.md              | false
            Notes (old)/a+b.md    | Notes (old)/a+b.md            | true
            Notes (old)/a+b.md    | Notes (old)/aab.md            | false
            Ärger/              | Ärger/Übersicht.md            | true
            done/                 | Done/a.md                     | false
            """)
    void matchesWholeVaultRelativePaths(String glob, String path, boolean expected) {
        assertThat(Glob.compile(glob).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a//b", "a/../b", "./a", "a\\b", "a**/b", "Done/***"})
    void rejectsMalformedGlobs(String glob) {
        assertThatThrownBy(() -> Glob.compile(glob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad glob '" + glob + "': ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Done/", "a/**/b", "x?.md"})
    void keepsItsTextAndEqualsByText(String glob) {
        assertThat(Glob.compile(glob).text()).isEqualTo(glob);
        assertThat(Glob.compile(glob)).isEqualTo(Glob.compile(glob)).hasSameHashCodeAs(Glob.compile(glob));
    }
}
