package io.vaultsync.gate;

import static io.vaultsync.gate.DetectorTable.ALNUM;
import static io.vaultsync.gate.DetectorTable.BECH32;
import static io.vaultsync.gate.DetectorTable.HEX;
import static io.vaultsync.gate.DetectorTable.random;
import static io.vaultsync.gate.DetectorTable.token;

import io.vaultsync.gate.DetectorTable.Name;
import io.vaultsync.gate.DetectorTable.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider tokens (shapes after gitleaks' rules), each as file content ({@code content:<rule>}) and in a
 * file name ({@code name:<rule>}), with a look-alike that must pass in both places.
 */
final class TokenRows {

    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String URL_SAFE = ALNUM + "-_";

    private TokenRows() {
    }

    static List<Row> rows() {
        List<Row> r = new ArrayList<>();
        r.addAll(token("aws-access-key-id", "AK" + "IA" + random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 1),
                "AK" + "IA" + "ABCDEFGH01234567", "key ids are base32: a 0, 1, 8 or 9 is no key id"));
        r.addAll(token("github-token", "gh" + "p_" + random(36, 2), "gh" + "p_release_notes_v2",
                "36 random letters and digits after ghp_"));
        r.addAll(token("github-token", "gh" + "o_" + random(36, 3), "thegh" + "o_" + random(36, 4),
                "gho_/ghu_/ghs_/ghr_ too, but not inside a longer word"));
        r.addAll(token("github-token", "github" + "_pat_" + random(22, 5) + "_" + random(59, 6),
                "github" + "_pat_rotation_howto", "fine-grained: 22+ chars after github_pat_"));
        r.addAll(token("gitlab-token", "gl" + "pat-" + random(20, URL_SAFE, 7), "gl" + "pat-example",
                "20+ chars after glpat-"));
        r.addAll(token("gitlab-token", "gl" + "dt-" + random(20, 8), "gl" + "dt-" + random(12, 9),
                "deploy, runner, trigger and feed tokens too: 20+ chars"));
        r.addAll(token("slack-token",
                "xo" + "xb-" + random(12, HEX.substring(0, 10), 10) + "-" + random(13, HEX.substring(0, 10), 11) + "-"
                        + random(24, 12),
                "xoxo-hugs-and-kisses-2024", "xoxo/xoxs tokens are numbers and hex; others hold digits and mixed case"));
        r.addAll(token("slack-token", "xa" + "pp-1-A" + random(10, UPPER_DIGITS, 13) + "-" + random(13, "0123456789", 14)
                + "-" + random(64, HEX, 15), "xa" + "pp-store-notes", "app-level tokens: xapp-<digit>-<id>-<n>-<hex>"));
        r.addAll(token("stripe-key", "sk" + "_live_" + random(24, 16), "pk" + "_live_" + random(24, 17),
                "a publishable key (pk_) is public by design"));
        r.addAll(token("stripe-key", "rk" + "_test_" + random(24, 18), "sk" + "_test_data_fixture",
                "test and restricted keys are caught too (as gitleaks does)"));
        r.addAll(token("google-api-key", "AI" + "za" + random(35, URL_SAFE, 19), "AI" + "za" + random(20, 20),
                "exactly 35 chars after AIza"));
        r.addAll(token("google-oauth-secret", "GOC" + "SPX-" + random(28, 21), "GOC" + "SPX-short",
                "24+ chars after GOCSPX-"));
        r.addAll(token("anthropic-key", "sk" + "-ant-api03-" + random(93, URL_SAFE, 22) + "AA",
                "sk" + "-ant-colony-simulation-notes", "a key mixes cases and digits; words do not"));
        r.addAll(token("openai-key", "sk" + "-proj-" + random(64, URL_SAFE, 23), "sk" + "-learn-pipeline-notes-2024",
                "sk-, sk-proj-, sk-svcacct-: mixed case and digits, unlike scikit-learn notes"));
        r.addAll(token("npm-token", "np" + "m_" + random(36, 24), "np" + "m_config_registry",
                "36 letters and digits after npm_"));
        r.addAll(token("pypi-token", "pypi-AgEIcHlwaS5" + "vcmc" + random(60, URL_SAFE, 25), "pypi-" + random(60, 26),
                "upload tokens are macaroons for pypi.org: pypi-AgEIcHlwaS5vcmc..."));
        r.addAll(token("sendgrid-key", "S" + "G." + random(22, URL_SAFE, 27) + "." + random(43, URL_SAFE, 28),
                "S" + "G.weekly.report", "SG.<22>.<43>"));
        r.addAll(token("twilio-api-key", "S" + "K" + random(32, HEX, 29), "AC" + random(32, HEX, 30),
                "an account SID (AC...) is an identifier, an API key (SK...) a secret"));
        r.addAll(token("huggingface-token", "hf" + "_" + random(34, ALNUM.substring(0, 52), 31),
                "hf" + "_transformersdocumentationlinkslist", "34 random letters of both cases after hf_"));
        r.addAll(token("digitalocean-token", "do" + "p_v1_" + random(64, HEX, 32), "do" + "p_v1_" + random(32, HEX, 33),
                "64 hex digits after dop_v1_/doo_v1_/dor_v1_"));
        r.addAll(token("shopify-token", "shp" + "at_" + random(32, HEX, 34), "shp" + "at_settings_page",
                "32 hex digits after shpat_/shpca_/shppa_/shpss_"));
        r.addAll(token("linear-api-key", "lin" + "_api_" + random(40, 35), "lin" + "_api_docs",
                "40 letters and digits after lin_api_"));
        r.addAll(token("postman-api-key", "PM" + "AK-" + random(24, HEX, 36) + "-" + random(34, HEX, 37),
                "PM" + "AK-" + random(24, HEX, 38), "PMAK-<24 hex>-<34 hex>"));
        r.addAll(token("hashicorp-vault-token", "hv" + "s." + random(95, URL_SAFE, 39), "hv" + "s.example",
                "90+ chars after hvs./hvb."));
        r.addAll(token("age-secret-key", "AGE-SECRET-" + "KEY-1" + random(58, BECH32, 40).toUpperCase(),
                "age1" + random(58, BECH32, 41), "an age recipient (age1...) is a public key"));
        r.addAll(token("telegram-bot-token", random(10, "0123456789", 42) + ":AA" + random(33, URL_SAFE, 43),
                random(10, "0123456789", 44) + ":meeting-notes-for-the-quarterly-rev",
                "8-10 digit bot id, then 35 chars of mixed case and digits"));
        r.addAll(token("jwt", jwtPart("{\"alg\":\"HS256\"}") + "." + jwtPart("{\"sub\":\"alice\"}") + "."
                + random(43, URL_SAFE, 45), jwtPart("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"),
                "header and payload: a JWT header alone is none"));
        // a token anywhere in the path: a directory, a task name, a draft built from it
        r.add(new Row("name:github-token", new Name("Plans/deploy_gh" + "p_" + random(36, 46) + "/notes.md"),
                new Name("Plans/deploy_github_projects/notes.md"), "a directory named by a token, after a _"));
        r.add(new Row("name:aws-access-key-id", new Name("Needs_Action/EMAIL_AK" + "IA" + random(16, UPPER_DIGITS
                .replaceAll("[0189]", ""), 47) + ".md"), new Name("Needs_Action/EMAIL_AKIA_rotation.md"),
                "a task (and the draft named after it) carrying a key id"));
        return r;
    }

    private static String jwtPart(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }
}
