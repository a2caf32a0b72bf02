package io.vaultsync.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGatePathTest {

    private static final SecretGate GATE = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);

    private static String rule(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Blocked.class);
        return ((Verdict.Blocked) verdict).rule();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            ".env                                 | deny:.env*",
            "Needs_Action/.env                    | deny:.env*",
            "a/b/c/d/e/.env.staging               | deny:.env*",
            "Plans/deploy/prod.key                | deny:*.key",
            "Done/2024/05/certs/site.crt          | deny:*.crt",
            "Updates/x/y/id_rsa.pub               | deny:id_rsa*",
            "In_Progress/local_agent/app.jks      | deny:*.jks",
            "Approved/g/service-account-prod.json | deny:service-account*.json",
            "Rejected/z/token.json                | deny:token.json",
            "x/y/PHOTO.JPG                        | deny:*.jpg",
            "Plans/rec/voice.m4a                  | deny:*.m4a",
            "Done/old.7z                          | deny:*.7z",
            "Needs_Action/cache.db-wal            | deny:*.db-wal",
            "Plans/agent.log.1                    | deny:*.log.[0-9]*",
            ".vaultsync-local/state.json          | deny:.vaultsync-local/",
            "Needs_Action/.task.md.swp            | deny:*.swp",
    })
    void denylistMatchesAtAnyDepth(String path, String expectedRule) {
        assertThat(rule(GATE.checkPath(path, false, 10))).isEqualTo(expectedRule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets/a.md", "Plans/secrets/a.md", "Plans/secrets/deep/er/a.md", "x/Secrets/b.md"})
    void directoryRuleBlocksEverythingBelowIt(String path) {
        assertThat(rule(GATE.checkPath(path, false, 10))).isEqualTo("deny:secrets/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plans/secrets.md", "Plans/my_secrets/a.md", "Needs_Action/session/notes.md",
            "Pending_Approval/payments/pay_rent.md", "Needs_Action/banking/statement_question.md",
            "Plans/environment.md", "Done/keynote_summary.md", "Plans/logs_review.md"})
    void similarButInnocentNamesPass(String path) {
        assertThat(GATE.checkPath(path, false, 10)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aPolicyNegationCannotLowerTheBuiltInFloorOnlyItsOwnPatterns() {
        SecretGate gate = SecretGate.standard(List.of("!.env*", "!.env.example", "!*.log", "drafts-*.md", "!drafts-ok.md"), 1000);

        assertThat(rule(gate.checkPath("Plans/.env", false, 1))).isEqualTo("deny:.env*");
        assertThat(rule(gate.checkPath("Plans/.env.example", false, 1))).isEqualTo("deny:.env*");
        assertThat(rule(gate.checkPath("Done/ok.log", false, 1))).isEqualTo("deny:*.log");
        assertThat(rule(gate.checkPath("Plans/drafts-x.md", false, 1))).isEqualTo("deny:drafts-*.md");
        assertThat(gate.checkPath("Plans/drafts-ok.md", false, 1)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void laterRuleDeniesAgainAfterNegation() {
        SecretGate gate = SecretGate.withDenylist(List.of("*.md", "!*.md", "secret-*.md"), 1000);

        assertThat(gate.checkPath("a/plain.md", false, 1)).isEqualTo(Verdict.ALLOWED);
        assertThat(rule(gate.checkPath("a/secret-x.md", false, 1))).isEqualTo("deny:secret-*.md");
    }

    @Test
    void negationCannotReincludeAFileBelowADeniedDirectory() {
        SecretGate gate = SecretGate.standard(List.of("!secrets/readme.md"), 1000);

        assertThat(rule(gate.checkPath("Plans/secrets/readme.md", false, 1))).isEqualTo("deny:secrets/");
    }

    @Test
    void extraPolicyPatternsAreAppliedWithTheTemplate() {
        SecretGate gate = SecretGate.standard(List.of("  ", "# comment", "session/", "/Private/", "*.pdf   "), 1000);

        assertThat(rule(gate.checkPath("Needs_Action/session/x.md", false, 1))).isEqualTo("deny:session/");
        assertThat(rule(gate.checkPath("Private/x.md", false, 1))).isEqualTo("deny:/Private/");
        assertThat(gate.checkPath("Plans/Private/x.md", false, 1)).isEqualTo(Verdict.ALLOWED);
        assertThat(rule(gate.checkPath("Done/invoice.pdf", false, 1))).isEqualTo("deny:*.pdf");
        assertThat(rule(gate.checkPath(".env", false, 1))).isEqualTo("deny:.env*");
    }

    @Test
    void invalidPatternIsRefused() {
        assertThatThrownBy(() -> SecretGate.standard(List.of("["), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid deny pattern: [");
    }

    @Test
    void symlinkIsBlockedEvenWithAnInnocentName() {
        assertThat(rule(GATE.checkPath("Needs_Action/task.md", true, 10))).isEqualTo("symlink");
        assertThat(rule(GATE.check("Needs_Action/task.md", true, 2, "ok".getBytes()))).isEqualTo("symlink");
    }

    @Test
    void sizeLimitIsInclusiveOfTheMaximum() {
        SecretGate gate = SecretGate.standard(List.of(), 100);

        assertThat(gate.checkPath("Plans/big.md", false, 100)).isEqualTo(Verdict.ALLOWED);
        assertThat(rule(gate.checkPath("Plans/big.md", false, 101))).isEqualTo("size-limit");
        assertThat(gate.checkPath("Plans/empty.md", false, 0)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void defaultSizeLimitIsFiveMebibytes() {
        assertThat(SecretGate.DEFAULT_MAX_FILE_SIZE).isEqualTo(5L * 1024 * 1024);
        assertThat(GATE.checkPath("Plans/a.md", false, 5L * 1024 * 1024)).isEqualTo(Verdict.ALLOWED);
        assertThat(rule(GATE.checkPath("Plans/a.md", false, 5L * 1024 * 1024 + 1))).isEqualTo("size-limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.md", "/etc/passwd", "a/../../b", "a/..", "..", "C:\\Users\\x.md", "c:/x.md", "x:y.md",
            "a\\..\\b.md", "", "./x.md", "a//b.md", "a/b/"})
    void namesThatEscapeTheVaultAreRefused(String path) {
        assertThat(rule(GATE.checkPath(path, false, 1))).isEqualTo("path-escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/\u0000.md", "nul\u0000", "tab\there.md", "bell\u0007.md", "del\u007f.md",
            "Plans/\u0085next.md", "Approved/pay\uFFFD.md", "line\nbreak.md"})
    void controlCharactersAndNonUtf8BytesAreABadNameNotAnEscape(String path) {
        assertThat(rule(GATE.checkPath(path, false, 1))).isEqualTo("bad-name");
    }

    @Test
    void pathEscapeWinsOverEveryOtherRule() {
        assertThat(rule(GATE.check("../.env", true, Long.MAX_VALUE, new byte[0]))).isEqualTo("path-escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Needs_Action/Réunion à 10h.md", "Plans/My Plan with spaces.md", "Done/日本語のメモ.md",
            "Updates/SIGNAL_émoji_🚀.md", "Approved/a..b.md", "Rejected/...md", "Dashboard.md", "Plans/a:b.md"})
    void unicodeAndSpacesInNamesPass(String path) {
        assertThat(GATE.checkPath(path, false, 10)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void argumentsAreCheckedUpFront() {
        assertThatThrownBy(() -> GATE.checkPath(null, false, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GATE.checkPath("a.md", false, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("size must be >= 0");
        assertThatThrownBy(() -> SecretGate.standard(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxFileSizeBytes must be > 0");
    }
}
