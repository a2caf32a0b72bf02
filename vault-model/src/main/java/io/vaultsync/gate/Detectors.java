package io.vaultsync.gate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard content detectors, most specific first. Provider tokens come before the generic
 * {@code bearer-token}, {@code password-assignment} and {@code high-entropy} rules, so a GitHub
 * token in {@code password=...} is reported as {@code github-token}.
 *
 * <p>Regexes start with a literal where they can (fast search), and key=value rules start at the
 * separator and look back for the key, so a 5 MiB file scans in about a second. Repeats are bounded
 * where a value may contain a separator, so no input makes a scan quadratic.
 */
final class Detectors {

    /** A key=value separator ({@code =}, {@code :}, {@code :=}, {@code =>}) and the blanks after it. */
    private static final String SEP = "(?::=|=>|[:=])[ \\t]*";

    /** A key name ending in one of these is a password-like key ({@code db_password}, {@code client_secret}). */
    private static final Pattern PASSWORD_KEY = Pattern.compile(
            "(?:pass(?:word|wd|phrase)|pwd|secret|(?:secret|api|access|private)[_-]?key|apikey"
                    + "|(?:access|auth|refresh|session)[_-]?token)$");

    private static final Pattern PLACEHOLDER_PART = Pattern.compile(
            "your[_-]?|change[_-]?me|placeholder|redacted|process\\.env|os\\.environ|getenv|env\\(");

    private static final Set<String> PLACEHOLDER_WORDS = Set.of(
            "password", "passphrase", "secret", "example", "undefined", "required", "optional",
            "notset", "not_set", "not-set", "unknown", "hidden", "removed", "pass", "passwd", "pwd", "token");

    /** A value that is code, not data: {@code read_secret(...)}, {@code key_file.read()}. */
    private static final Pattern CODE_CALL = Pattern.compile("[a-z_$][a-z0-9_$.]*\\(");

    /** Any key name found by {@link #keyBefore}: starts with a letter. */
    private static final Pattern KEY_NAME = Pattern.compile("^[a-z]");

    private static final Detector.Check VALUE_NOT_PLACEHOLDER = (t, m) -> !isPlaceholder(m.group("v"));

    /** The value after a password-like key: up to 200 chars, past an opening quote or emphasis. */
    private static final Pattern PASSWORD_VALUE = Pattern.compile("[\"'`*_]*+[ \\t]*+(?<v>[^\\s\"'`,;]{8,200}+)");

    /** A base64-ish value in quotes or not; not followed by more token text, an {@code @} or a domain. */
    private static final Pattern RANDOM_VALUE = Pattern.compile(
            "[\"'`]?(?<v>[A-Za-z0-9+/_-]{20,4096}+={0,3}+)(?![A-Za-z0-9+/=_@-]|\\.[A-Za-z0-9])");

    static final List<Detector> STANDARD = List.of(
            Detector.of("private-key", "-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----",
                    List.of("-----begin"), Detector.ANY),
            Detector.of("private-key", "PuTTY-User-Key-File-[0-9]+:", List.of("putty-user-key-file-"), Detector.ANY),
            Detector.of("aws-access-key-id", "A(?:KIA|SIA)(?<![A-Za-z0-9]....)[A-Z0-9]{16}+(?![A-Za-z0-9])",
                    List.of("akia", "asia"), Detector.ANY),
            Detector.of("aws-secret-access-key",
                    "(?i)aws[_.-]?secret[_.-]?(?:access[_.-]?)?key[\"'*_\\]]*[ \\t]*" + SEP
                            + "[\"'`]?[A-Za-z0-9/+]{40}+(?![A-Za-z0-9/+=])",
                    List.of("aws"), Detector.ANY),
            Detector.of("github-token", "gh[pousr]_(?<![A-Za-z0-9_]....)[A-Za-z0-9]{36,255}+(?![A-Za-z0-9])",
                    List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), Detector.ANY),
            Detector.of("github-token", "github_pat_(?<![A-Za-z0-9_]github_pat_)[A-Za-z0-9_]{22,255}+",
                    List.of("github_pat_"), Detector.ANY),
            Detector.of("gitlab-token", "glpat-(?<![A-Za-z0-9_-]glpat-)[A-Za-z0-9_-]{20,64}+",
                    List.of("glpat-"), Detector.ANY),
            Detector.of("slack-token", "xox[abposr]-(?<![A-Za-z0-9].....)[A-Za-z0-9-]{10,256}+",
                    List.of("xox"), Detector.ANY),
            Detector.of("slack-webhook",
                    "hooks\\.slack\\.com/services/T[A-Za-z0-9_]{1,64}+/B[A-Za-z0-9_]{1,64}+/[A-Za-z0-9_]{8,64}+",
                    List.of("hooks.slack.com"), Detector.ANY),
            Detector.of("stripe-key", "[sr]k_live_(?<![A-Za-z0-9]........)[A-Za-z0-9]{16,256}+",
                    List.of("_live_"), Detector.ANY),
            Detector.of("google-api-key", "AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}+(?![0-9A-Za-z_-])",
                    List.of("aiza"), Detector.ANY),
            Detector.of("google-oauth-secret", "GOCSPX-(?<![A-Za-z0-9_-]GOCSPX-)[A-Za-z0-9_-]{24,64}+",
                    List.of("gocspx-"), Detector.ANY),
            Detector.of("anthropic-key", "sk-ant-(?<![A-Za-z0-9_-]sk-ant-)[A-Za-z0-9_-]{20,256}+",
                    List.of("sk-ant-"), Detector.ANY),
            Detector.of("openai-key",
                    "sk-(?<![A-Za-z0-9_-]sk-)(?!ant-)(?:proj-|svcacct-|admin-)?(?<v>[A-Za-z0-9_-]{20,256}+)",
                    List.of("sk-"), (t, m) -> hasLetterAndDigit(m.group("v"))),
            Detector.of("npm-token", "npm_(?<![A-Za-z0-9_]npm_)[A-Za-z0-9]{36}+(?![A-Za-z0-9])",
                    List.of("npm_"), Detector.ANY),
            Detector.of("sendgrid-key", "SG\\.(?<![A-Za-z0-9]SG\\.)[A-Za-z0-9_-]{22}+\\.[A-Za-z0-9_-]{43}+",
                    List.of("sg."), Detector.ANY),
            Detector.of("telegram-bot-token", ":(?<v>[A-Za-z0-9_-]{35}+)(?![A-Za-z0-9_-])", List.of(":"),
                    (t, m) -> digitsBefore(t, m.start(), 8, 10) && Entropy.hasMixedClasses(m.group("v"))),
            Detector.of("jwt", "eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{10,1024}+\\.eyJ[A-Za-z0-9_-]{10,8192}+\\.",
                    List.of("eyj"), Detector.ANY),
            Detector.of("bearer-token",
                    "(?i)authorization[\"'*_\\]]*[ \\t]*" + SEP + "[\"']?bearer[ \\t]+(?<v>[A-Za-z0-9._~+/-]{8,256}+=*)",
                    List.of("authorization"), VALUE_NOT_PLACEHOLDER),
            Detector.of("bearer-token", "(?i)bearer(?<![A-Za-z0-9]bearer)[ \\t]+(?<v>[A-Za-z0-9._~+/-]{20,256}+=*)",
                    List.of("bearer"), VALUE_NOT_PLACEHOLDER.and((t, m) -> looksLikeToken(m.group("v")))),
            Detector.of("basic-auth",
                    "(?i)authorization[\"'*_\\]]*[ \\t]*" + SEP + "[\"']?basic[ \\t]+(?<v>[A-Za-z0-9+/]{8,256}+=*)",
                    List.of("authorization"), VALUE_NOT_PLACEHOLDER),
            Detector.of("url-credentials", "://[^\\s/:@<>\"']{1,256}+:(?<v>[^\\s/@<>\"']{3,256}+)@[A-Za-z0-9.-]",
                    List.of("://"), VALUE_NOT_PLACEHOLDER),
            Detector.of("password-assignment", SEP, List.of("pass", "pwd", "secret", "key", "token"),
                    assignment(PASSWORD_KEY::matcher, PASSWORD_VALUE, v -> !isPlaceholder(v))),
            Detector.of("high-entropy", SEP, List.of(),
                    assignment(Detectors::anyKey, RANDOM_VALUE, Entropy::looksRandom)));

    private Detectors() {
    }

    /**
     * An obvious stand-in rather than a value: {@code <...>}, {@code ${...}}, {@code {{...}}},
     * {@code $VAR}, {@code %VAR%}, {@code ****}, {@code xxxxxxxx}, {@code changeme}, {@code your_...},
     * an environment lookup, a function call, a URL, an absolute path, or the tail of {@code ==}/{@code ::}.
     */
    static boolean isPlaceholder(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        char first = v.isEmpty() ? ' ' : v.charAt(0);
        if ("<${%[(:=".indexOf(first) >= 0 || CODE_CALL.matcher(v).lookingAt()) {
            return true;
        }
        if (v.chars().distinct().count() <= 2) {
            return true;
        }
        if (PLACEHOLDER_WORDS.contains(v.replaceAll("[.!]+$", ""))) {
            return true;
        }
        if (PLACEHOLDER_PART.matcher(v).find()) {
            return true;
        }
        return v.contains("://") || (first == '/' && v.indexOf('/', 1) > 0) || v.startsWith("~/");
    }

    /**
     * A key=value check anchored at the separator {@code m}: the key before it must satisfy
     * {@code key} (checked first, it is cheap), then {@code value} must match right after it and its
     * group {@code v} satisfy {@code valueOk}.
     */
    private static Detector.Check assignment(
            Function<String, Matcher> key, Pattern value, Predicate<String> valueOk) {
        return (text, m) -> {
            if (!key.apply(keyBefore(text, m.start())).find()) {
                return false;
            }
            Matcher v = value.matcher(text);
            v.region(m.end(), Math.min(text.length(), m.end() + 8192));
            v.useTransparentBounds(true);
            return v.lookingAt() && valueOk.test(v.group("v"));
        };
    }

    private static Matcher anyKey(String key) {
        return KEY_NAME.matcher(key);
    }

    /**
     * The key name in front of the separator at {@code sep}, lower-cased: skips blanks and a closing
     * quote, emphasis or bracket, then takes the run of {@code [A-Za-z0-9_.-]} (at most 64). Empty
     * if that run does not start a line, a word, a JSON member, a query parameter, a table cell,
     * an emphasis or a shell variable.
     */
    static String keyBefore(CharSequence text, int sep) {
        int end = sep;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        while (end > 0 && "\"'*]".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start < 64 && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && " \t\r\n\f\"'{,;&?([*|$".indexOf(text.charAt(start - 1)) < 0) {
            return "";
        }
        return text.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
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

    private static boolean hasLetterAndDigit(String s) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digit |= c >= '0' && c <= '9';
        }
        return letter && digit;
    }

    /** A token, not a long word: has a digit, or both upper- and lower-case letters. */
    private static boolean looksLikeToken(String s) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }
}
