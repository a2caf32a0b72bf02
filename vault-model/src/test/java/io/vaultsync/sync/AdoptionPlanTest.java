package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.gate.SecretGate;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.ZonePattern;
import io.vaultsync.policy.Zones;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdoptionPlanTest {
    private static final Policy BASE = Policy.defaults("cloud_agent", "local_agent");

    @ParameterizedTest(name = "{0} -> given [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Notes/a.md                      | Notes/",
            "Notes/deep/er/a.md              | Notes/",
            "top.md                          | /*",
            "Dashboard.md                    | ''",
            ".obsidian/app.json              | ''",
            "Done/old.md                     | ''",
            "Plans/trip.md                   | ''",
            "'b/x.md,a/y.md,z.md'            | 'a/,b/,/*'",
            "'[draft]/a.md'                  | '\\[draft\\]/'",
            "'!bang/a.md'                    | '\\!bang/'",
            "'café/Ünïcode note.md'          | 'café/'",
    })
    void givesTheLocalAgentTheFoldersOfNotesInNobodysZone(String paths, String given) {
        List<String> in = List.of(paths.split(","));
        AdoptionPlan.Zoning z = AdoptionPlan.zoning(BASE, "local_agent", in);
        assertThat(z.given()).containsExactlyElementsOf(given.isEmpty() ? List.of() : List.of(given.split(",")));
        Zones zones = new Zones(z.policy());
        for (String p : in) assertThat(zones.owner(p)).as(p).isPresent(); // every note syncs from someone's zone
    }

    @Test
    void foldersOfOtherAgentsAreNamedNotTaken() {
        AdoptionPlan.Zoning z = AdoptionPlan.zoning(BASE, "local_agent", List.of("Plans/a.md", "Needs_Action/b.md", "x/c.md"));
        assertThat(z.elsewhere()).isEqualTo(Map.of("Plans/", "cloud_agent", "Needs_Action/", "cloud_agent"));
        assertThat(z.policy().agent("cloud_agent")).isEqualTo(BASE.agent("cloud_agent"));
        assertThat(z.given()).containsExactly("x/");
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "/*  | top.md            | true",
            "/*  | Notes/a.md        | false",
            "/*  | Needs_Action/t.md | false",
            "/*  | .gitignore        | true",
    })
    void theRootFilesZoneCoversOnlyTopLevelFiles(String zone, String path, boolean covered) {
        assertThat(ZonePattern.compile(zone).matches(path)).isEqualTo(covered);
    }

    @Test
    void noNotesNoChange() {
        AdoptionPlan.Zoning z = AdoptionPlan.zoning(BASE, "local_agent", List.of());
        assertThat(z.policy()).isEqualTo(BASE);
        assertThat(z.rootFiles()).isFalse();
    }

    @Test
    void mergingKeepsEveryByteOfThePersonsGitignoreFirstAndAddsOnlyMissingRules() {
        byte[] mine = "# mine\nprivate/\n.env*\n  *.tmp".getBytes(StandardCharsets.UTF_8);
        String merged = new String(AdoptionPlan.mergeGitignore(mine, List.of("# c", ".env*", "*.pem", "", "*.tmp", "*.pem")),
                StandardCharsets.UTF_8);
        assertThat(merged).isEqualTo("# mine\nprivate/\n.env*\n  *.tmp\n\n" + AdoptionPlan.MERGE_HEADER + "\n*.pem\n");
    }

    @Test
    void mergingChangesNothingWhenEveryRuleIsThereAndWritesTheTemplateWhenThereIsNoFile() {
        assertThat(AdoptionPlan.mergeGitignore("*.pem\n".getBytes(StandardCharsets.UTF_8), List.of("# x", "*.pem"))).isNull();
        assertThat(new String(AdoptionPlan.mergeGitignore(null, List.of("# x", "*.pem")), StandardCharsets.UTF_8))
                .isEqualTo("# x\n*.pem\n");
        byte[] full = AdoptionPlan.mergeGitignore(new byte[0], SecretGate.bundledTemplate());
        assertThat(new String(full, StandardCharsets.UTF_8)).contains(".obsidian/workspace*.json", ".trash/");
    }

    @Test
    void thePersonsIgnoreRulesBecomeGateRulesWithoutCommentsOrBlanks() {
        byte[] mine = "# mine\n\nprivate/\r\n*.tmp  \n!keep.tmp\nprivate/\n".getBytes(StandardCharsets.UTF_8);
        assertThat(AdoptionPlan.personalDeny(mine)).containsExactly("private/", "*.tmp", "!keep.tmp");
        assertThat(AdoptionPlan.personalDeny(null)).isEmpty();
    }
}
