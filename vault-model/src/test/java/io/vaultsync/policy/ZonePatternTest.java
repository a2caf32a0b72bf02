package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZonePatternTest {

    /** Every zone in the default policy and the tests, and what the zones matched before they were gitignore lines. */
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Needs_Action/             | Needs_Action/t.md               | true
            Needs_Action/             | Needs_Action                    | false
            Needs_Action/             | In_Progress/Needs_Action/t.md   | false
            Pending_Approval/         | Pending_Approval/email/d.md     | true
            Pending_Approval/*/       | Pending_Approval/email/d.md     | true
            Pending_Approval/*/       | Pending_Approval/email/x/d.md   | true
            Pending_Approval/*/       | Pending_Approval/d.md           | false
            Updates/                  | Updates/SIGNAL_1.md             | true
            Plans/                    | Plans/p.md                      | true
            Plans/                    | Plans/sub/p.md                  | true
            Plans/                    | Done/Plans/p.md                 | false
            Plans/                    | Plans.md                        | false
            In_Progress/cloud_agent/  | In_Progress/cloud_agent/t.md    | true
            In_Progress/cloud_agent/  | In_Progress/local_agent/t.md    | false
            In_Progress/cloud_agent/  | In_Progress/cloud_agent         | false
            In_Progress/*/            | In_Progress/bob/t.md            | true
            In_Progress/*/            | In_Progress/t.md                | false
            Dashboard.md              | Dashboard.md                    | true
            Dashboard.md              | Dashboard.mdx                   | false
            Dashboard.md              | Done/Dashboard.md               | false
            Dashboard.md              | DashboardXmd                    | false
            Approved/                 | Approved/a.md                   | true
            Approved/                 | Approved/deep/er/a.md           | true
            Approved/                 | Approved                        | false
            Approved/                 | ApprovedX/a.md                  | false
            Approved/                 | Done/Approved/a.md              | false
            Done/*.md                 | Done/a.md                       | true
            Done/*.md                 | Done/.md                        | true
            Done/*.md                 | Done/sub/a.md                   | false
            Done/*.md                 | Done/a.txt                      | false
            Done/*                    | Done/sub/a.md                   | false
            *                         | top.md                          | true
            *                         | Done/top.md                     | false
            Done/**/*.md              | Done/a.md                       | true
            Done/**/*.md              | Done/x/y/z.md                   | true
            Done/**/*.md              | Done/x/y/z.txt                  | false
            Done/**                   | Done/x/y                        | true
            Done/**/                  | Done/x/a.md                     | true
            Done/**/                  | Done/a.md                       | false
            **/                       | Done/a.md                       | true
            **/                       | top.md                          | false
            **/*.md                   | a/b/c.md                        | true
            **/*.md                   | c.md                            | true
            **                        | anything/at/all                 | true
            **                        | Dashboard.md                    | true
            Done/?.md                 | Done/a.md                       | true
            Done/?.md                 | Done/ab.md                      | false
            Done/?.md                 | Done//.md                       | false
            Notes (old)/a+b.md        | Notes (old)/a+b.md              | true
            Notes (old)/a+b.md        | Notes (old)/aab.md              | false
            Notes (old)/              | Notes (old)/n.md                | true
            Ärger/                    | Ärger/Übersicht.md              | true
            Ärger/?.md                | Ärger/x.md                      | true
            say "hi"/                 | say "hi"/x.md                   | true
            x: #y/                    | x: #y/z.md                      | true
            done/                     | Done/a.md                       | false
            /Plans/                   | Plans/p.md                      | true
            /Plans/                   | Done/Plans/p.md                 | false
            Done/[ab].md              | Done/a.md                       | true
            Done/[ab].md              | Done/c.md                       | false
            \\#notes.md               | #notes.md                       | true
            \\!bang.md                | !bang.md                        | true
            """)
    void matchesWholeVaultRelativeFilePaths(String zone, String path, boolean expected) {
        assertThat(ZonePattern.compile(zone).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Plans/                    | /Plans/**
            /Plans/                   | /Plans/**
            Dashboard.md              | /Dashboard.md
            *                         | /*
            **                        | /**
            Pending_Approval/*/       | /Pending_Approval/*/**
            Done/**/                  | /Done/**/*/**
            **/                       | /**/*/**
            !Plans/private/           | !/Plans/private/**
            """)
    void becomesTheGitignoreLineThatMeansIt(String zone, String rule) {
        assertThat(ZonePattern.compile(zone).rule()).isEqualTo(rule);
    }

    @Test
    void theLastMatchingZoneDecidesSoANegationTakesPathsOut() {
        List<ZonePattern> zones = compile("Plans/", "!Plans/private/", "Plans/private/shared.md");

        assertThat(ZonePattern.covers(zones, "Plans/p.md")).isTrue();
        assertThat(ZonePattern.covers(zones, "Plans/private/secret.md")).isFalse();
        assertThat(ZonePattern.covers(zones, "Plans/private/shared.md")).isTrue();
        assertThat(ZonePattern.covers(zones, "Done/d.md")).isFalse();
        assertThat(ZonePattern.covers(List.of(), "Plans/p.md")).isFalse();
        assertThat(ZonePattern.covers(compile("!Plans/"), "Plans/p.md")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "!", "!/", "a//b", "//a", "a/../b", "./a", "a\\b", "Plans\\", "a**/b", "Done/***",
        "#notes.md", "Plans/ ", "Done/[ab", "a\0b"})
    void rejectsMalformedZones(String zone) {
        assertThatThrownBy(() -> ZonePattern.compile(zone))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad zone '" + zone + "': ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Done/", "a/**/b", "x?.md", "!Plans/private/"})
    void keepsItsTextAndEqualsByText(String zone) {
        assertThat(ZonePattern.compile(zone).text()).isEqualTo(zone);
        assertThat(ZonePattern.compile(zone)).isEqualTo(ZonePattern.compile(zone)).hasSameHashCodeAs(ZonePattern.compile(zone));
    }

    private static List<ZonePattern> compile(String... zones) {
        return Arrays.stream(zones).map(ZonePattern::compile).toList();
    }
}
