package io.vaultsync.gate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Provider tokens: detectors that know a secret by its shape alone (a fixed prefix, a length, an
 * alphabet), with no key in front of it. They run on file content and on file names. Shapes follow
 * gitleaks' rule set; where a shape is loose enough to hit ordinary words ({@code sk-learn-...},
 * {@code xoxo-...}) the check asks for what a real token always has (mixed case and digits).
 *
 * <p>Each regex starts with its literal prefix (a fast search) and checks the character before the
 * prefix with a look-behind or {@link #LEFT_EDGE}: a letter or digit there means the prefix is inside a
 * longer word ({@code thegho_...}, {@code task-...}); a {@code _}, {@code /} or blank does not, as names
 * join words with them ({@code EMAIL_ghp_....md}). Where a token's own alphabet holds {@code -} or
 * {@code _} and its check may refuse a candidate ({@code sk-}, {@code xoxb-}, {@code eyJ}), that character
 * before the prefix also means "inside a token", so {@code sk-sk-sk-...} is not read 256 chars at a time.
 */
final class TokenDetectors {

    /** No ASCII letter or digit right before the match. */
    private static final Detector.Check LEFT_EDGE = (t, m) -> m.start() == 0 || !isAlnum(t.charAt(m.start() - 1));

    private static final Detector.Check MIXED = (t, m) -> Entropy.hasMixedClasses(m.group("v"));

    /** Hugging Face tokens are 34 random letters: both cases, and not inside a word. */
    private static final Detector.Check HF = LEFT_EDGE.and((t, m) -> hasUpperAndLower(m.group("v")));

    /** A legacy Slack token ({@code xoxo-}/{@code xoxs-}): numbers, then a hex tail. */
    private static final Pattern SLACK_LEGACY = Pattern.compile("[0-9]++-[0-9]++-[0-9]++-[a-fA-F0-9]++");

    static final List<Detector> ALL = List.of(
            Detector.of("aws-access-key-id",
                    "A(?:KIA|SIA|BIA|CCA)(?<![A-Za-z0-9]....)[A-Z2-7]{16}+(?![A-Za-z0-9])",
                    List.of("akia", "asia", "abia", "acca"), Detector.ANY),
            Detector.of("github-token", "gh[pousr]_(?<![A-Za-z0-9]....)[A-Za-z0-9]{36,255}+(?![A-Za-z0-9])",
                    List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), Detector.ANY),
            Detector.of("github-token", "github_pat_(?<![A-Za-z0-9]github_pat_)[A-Za-z0-9_]{22,255}+",
                    List.of("github_pat_"), Detector.ANY),
            Detector.of("gitlab-token", "gl(?:pat|dt|rt|ptt|ft|oas|soat)-[A-Za-z0-9_-]{20,300}+",
                    List.of("glpat-", "gldt-", "glrt-", "glptt-", "glft-", "gloas-", "glsoat-"), LEFT_EDGE),
            Detector.of("slack-token", "xox[abposre]-(?<![A-Za-z0-9-].....)(?<v>[A-Za-z0-9-]{10,256}+)",
                    List.of("xox"), (t, m) -> slackShape(t.charAt(m.start() + 3), m.group("v"))),
            Detector.of("slack-token", "xapp-[0-9]-[A-Z0-9]++-[0-9]++-[a-z0-9]{8,}+", List.of("xapp-"), LEFT_EDGE),
            Detector.of("slack-webhook",
                    "hooks\\.slack\\.com/services/T[A-Za-z0-9_]{1,64}+/B[A-Za-z0-9_]{1,64}+/[A-Za-z0-9_]{8,64}+",
                    List.of("hooks.slack.com"), Detector.ANY),
            Detector.of("stripe-key", "[sr]k_(?:live|test|prod)_[A-Za-z0-9]{16,256}+",
                    List.of("k_live_", "k_test_", "k_prod_"), LEFT_EDGE),
            Detector.of("google-api-key", "AIza(?<![A-Za-z0-9]AIza)[0-9A-Za-z_-]{35}+(?![0-9A-Za-z_-])",
                    List.of("aiza"), Detector.ANY),
            Detector.of("google-oauth-secret", "GOCSPX-(?<![A-Za-z0-9]GOCSPX-)[A-Za-z0-9_-]{24,64}+",
                    List.of("gocspx-"), Detector.ANY),
            Detector.of("anthropic-key", "sk-ant-(?<![A-Za-z0-9-]sk-ant-)(?<v>[A-Za-z0-9_-]{20,256}+)",
                    List.of("sk-ant-"), MIXED).resumingAfterEnd(),
            Detector.of("openai-key",
                    "sk-(?<![A-Za-z0-9-]sk-)(?!ant-)(?:proj-|svcacct-|admin-)?(?<v>[A-Za-z0-9_-]{20,256}+)",
                    List.of("sk-"), MIXED).resumingAfterEnd(),
            Detector.of("npm-token", "npm_(?<![A-Za-z0-9]npm_)[A-Za-z0-9]{36}+(?![A-Za-z0-9])",
                    List.of("npm_"), Detector.ANY),
            Detector.of("pypi-token", "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}+", List.of("pypi-ageichlwas5vcmc"),
                    LEFT_EDGE),
            Detector.of("sendgrid-key", "SG\\.(?<![A-Za-z0-9]SG\\.)[A-Za-z0-9_-]{22}+\\.[A-Za-z0-9_-]{43}+",
                    List.of("sg."), Detector.ANY),
            Detector.of("twilio-api-key", "SK[0-9a-fA-F]{32}+(?![A-Za-z0-9])", List.of("sk"), LEFT_EDGE),
            Detector.of("huggingface-token", "hf_(?<v>[A-Za-z]{34}+)(?![A-Za-z0-9])", List.of("hf_"), HF),
            Detector.of("huggingface-token", "api_org_(?<v>[A-Za-z]{34}+)(?![A-Za-z0-9])", List.of("api_org_"), HF),
            Detector.of("digitalocean-token", "do[opr]_v1_[a-f0-9]{64}+", List.of("_v1_"), LEFT_EDGE),
            Detector.of("shopify-token", "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}+", List.of("shp"), LEFT_EDGE),
            Detector.of("linear-api-key", "lin_api_[A-Za-z0-9]{40}+", List.of("lin_api_"), LEFT_EDGE),
            Detector.of("postman-api-key", "PMAK-[a-fA-F0-9]{24}+-[a-fA-F0-9]{34}+", List.of("pmak-"), LEFT_EDGE),
            Detector.of("hashicorp-vault-token", "hv[sb]\\.[A-Za-z0-9_-]{90,300}+", List.of("hvs.", "hvb."), LEFT_EDGE),
            Detector.of("age-secret-key", "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}+",
                    List.of("age-secret-key-1"), Detector.ANY),
            Detector.of("telegram-bot-token", ":(?<v>[A-Za-z0-9_-]{35}+)(?![A-Za-z0-9_-])", List.of(":"),
                    (t, m) -> digitsBefore(t, m.start(), 8, 10) && Entropy.hasMixedClasses(m.group("v"))),
            Detector.of("jwt", "eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{10,1024}+\\.eyJ[A-Za-z0-9_-]{10,8192}+\\.",
                    List.of("eyj"), Detector.ANY));

    private TokenDetectors() {
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * A Slack token rather than {@code xoxo-hugs-and-kisses}: the legacy kinds ({@code o}, {@code s}) are
     * numbers and a hex tail; the others hold a digit and either mixed case or a long leading number.
     */
    private static boolean slackShape(char kind, String v) {
        if (kind == 'o' || kind == 's') {
            return SLACK_LEGACY.matcher(v).matches();
        }
        boolean digit = v.chars().anyMatch(c -> c >= '0' && c <= '9');
        return digit && (Entropy.hasMixedClasses(v) || v.matches("[0-9]{8,}+-.*"));
    }

    private static boolean hasUpperAndLower(String s) {
        return s.chars().anyMatch(c -> c >= 'A' && c <= 'Z') && s.chars().anyMatch(c -> c >= 'a' && c <= 'z');
    }

    /** Between {@code min} and {@code max} digits end at {@code end}, with no digit before them. */
    private static boolean digitsBefore(CharSequence text, int end, int min, int max) {
        int start = end;
        while (start > 0 && Character.isDigit(text.charAt(start - 1)) && text.charAt(start - 1) < 128) {
            start--;
        }
        int n = end - start;
        return n >= min && n <= max;
    }
}
