package io.vaultsync.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.SecretSamples;
import io.vaultsync.fixtures.SecretSamples.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretGateSamplesTest {

    private static final SecretGate GATE = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);

    static Stream<Sample> secrets() {
        return SecretSamples.all().stream();
    }

    static Stream<Arguments> innocents() {
        return SecretSamples.innocent().stream().map(pc -> Arguments.of(pc[0], pc[1]));
    }

    private static Verdict check(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return GATE.check(path, false, bytes.length, bytes);
    }

    @Test
    void samplesCoverEveryZoneWithEnoughCases() {
        List<Sample> all = SecretSamples.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(SecretSamples.innocent()).hasSizeGreaterThanOrEqualTo(10);
        for (String zone : List.of("Needs_Action/", "In_Progress/cloud_agent/", "Pending_Approval/email/", "Updates/",
                "Plans/", "Approved/", "Rejected/", "Done/")) {
            assertThat(all).as(zone).anyMatch(s -> s.path().startsWith(zone));
        }
        assertThat(all).as("top level").anyMatch(s -> !s.path().contains("/"));
        assertThat(all).anyMatch(s -> s.expectedRulePrefix().startsWith("deny:"))
                .anyMatch(s -> s.expectedRulePrefix().startsWith("content:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void everySecretSampleIsBlockedByItsExpectedRule(Sample sample) {
        Verdict verdict = check(sample.path(), sample.content());

        assertThat(verdict).isInstanceOf(Verdict.Blocked.class);
        assertThat(((Verdict.Blocked) verdict).rule()).startsWith(sample.expectedRulePrefix());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void contentSecretsAreFoundWhateverTheFileIsCalled(Sample sample) {
        if (sample.expectedRulePrefix().startsWith("content:")) {
            Verdict verdict = GATE.checkContent("Needs_Action/plain.md", sample.bytes());
            assertThat(((Verdict.Blocked) verdict).rule()).startsWith(sample.expectedRulePrefix());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("innocents")
    void ordinaryVaultFilesPass(String path, String content) {
        assertThat(check(path, content)).isEqualTo(Verdict.ALLOWED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void ruleNeverContainsTheSecretText(Sample sample) {
        String rule = ((Verdict.Blocked) check(sample.path(), sample.content())).rule();

        assertThat(rule).matches("(deny:\\S+|content:[a-z0-9-]+)");
        if (rule.startsWith("content:")) {
            Arrays.stream(sample.content().split("[\\s\"'`=:]+"))
                    .filter(token -> token.length() >= 8 && token.matches(".*[0-9].*"))
                    .forEach(token -> assertThat(rule).doesNotContain(token));
        }
    }
}
