package io.vaultsync.gate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pure decisions about password-like keys and the values after them, shared by the
 * {@code password-assignment} and {@code password-table} detectors.
 */
final class PasswordValues {

    /** How a key names a secret. */
    enum Kind {
        /** Not a secret's key ({@code user}, {@code password_policy}). */
        NONE,
        /** A password ({@code password}, {@code db_passwd}, {@code pwd}): its value may be a phrase of words. */
        PASSWORD,
        /** {@code pass} or {@code pw}, which also mean other things (pass/fail): the value needs a digit or symbol. */
        SHORT,
        /** Another secret ({@code client_secret}, {@code api_key}, {@code access_token}): a single token. */
        OTHER
    }

    private static final Pattern SHORT_KEY = Pattern.compile("(?:^|[_.-])(?:pass|pw)$");
    private static final Pattern PASSWORD_KEY = Pattern.compile("(?:pass(?:word|wd|phrase)|pwd)$");
    /** A key name ending in one of these is a secret's key ({@code client_secret}, {@code access_token}). */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?:secret|(?:secret|api|access|private)[_-]?key|apikey|(?:access|auth|refresh|session)[_-]?token)$");

    private static final Pattern PLACEHOLDER_PART = Pattern.compile(
            "your[_-]?|change[_-]?me|placeholder|redacted|process\\.env|os\\.environ|getenv|env\\(");

    private static final Set<String> PLACEHOLDER_WORDS = Set.of(
            "password", "passphrase", "secret", "example", "undefined", "required", "optional",
            "notset", "not_set", "not-set", "unknown", "hidden", "removed", "pass", "passwd", "pwd", "token");

    /** A value that is code, not data: {@code read_secret(...)}, {@code key_file.read()}. */
    private static final Pattern CODE_CALL = Pattern.compile("[a-z_$][a-z0-9_$.]*\\(");

    /**
     * Words of prose, never of a passphrase worth flagging: "see the vault item", "stored in 1Password",
     * "sent by SMS", "rotated every month".
     */
    private static final Set<String> PROSE_WORDS = Set.of(
            "a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "with", "from", "into", "via", "per",
            "is", "are", "was", "be", "been", "it", "its", "this", "that", "these", "those", "and", "or", "not",
            "no", "if", "as", "same", "than", "then", "when", "will", "can", "must", "should", "has", "have",
            "see", "ask", "use", "get", "your", "my", "our", "their", "his", "her", "you", "we", "they", "i", "me",
            "stored", "sent", "set", "reset", "changed", "rotated", "required", "managed", "provided", "kept",
            "saved", "later", "below", "above", "here", "there", "every", "each", "all", "any", "only", "also",
            "tbd", "none", "n/a", "unknown", "chars", "characters", "min", "max", "minimum", "maximum", "least");

    private static final Pattern WORD = Pattern.compile("[A-Za-z]{3,}+");
    private static final Pattern BLANKS = Pattern.compile("[ \\t]++");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^a-z0-9/]++|[^a-z0-9/]++$");
    private static final Pattern TRAILING_BANG = Pattern.compile("[.!]+$");

    private PasswordValues() {
    }

    /** What kind of secret {@code key} (lower case) names. */
    static Kind kindOf(String key) {
        if (SHORT_KEY.matcher(key).find()) {
            return Kind.SHORT;
        }
        if (PASSWORD_KEY.matcher(key).find()) {
            return Kind.PASSWORD;
        }
        return SECRET_KEY.matcher(key).find() ? Kind.OTHER : Kind.NONE;
    }

    /** A single-token value of 8 to 200 chars that is no placeholder; after a short key, not only letters. */
    static boolean isSecretToken(String value, Kind kind) {
        if (value.length() < 8 || value.length() > 200 || isPlaceholder(value)) {
            return false;
        }
        return kind != Kind.SHORT || !value.chars().allMatch(Character::isLetter);
    }

    /**
     * A value of several words that is a password, not prose: after a password key, 12 to 120 chars,
     * 2 to 10 words, no word of prose, and either four or more plain words ({@code correct horse battery
     * staple}) or letters, digits and symbols mixed ({@code Tr0ub4dor &3}).
     */
    static boolean isPassphrase(String value, Kind kind) {
        String v = value.strip();
        if ((kind != Kind.PASSWORD && kind != Kind.SHORT) || v.length() < 12 || v.length() > 120 || isPlaceholder(v)) {
            return false;
        }
        String[] words = BLANKS.split(v);
        if (words.length < 2 || words.length > 10) {
            return false;
        }
        boolean plain = true;
        for (String w : words) {
            String core = EDGE_PUNCTUATION.matcher(w.toLowerCase(Locale.ROOT)).replaceAll("");
            if (PROSE_WORDS.contains(core)) {
                return false;
            }
            plain &= WORD.matcher(w).matches();
        }
        if (plain) {
            return words.length >= 4;
        }
        boolean letter = v.chars().anyMatch(Character::isLetter);
        boolean digit = v.chars().anyMatch(Character::isDigit);
        boolean symbol = v.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c));
        return letter && digit && symbol;
    }

    /**
     * An obvious stand-in rather than a value: {@code <...>}, {@code ${...}}, {@code {{...}}},
     * {@code $VAR}, {@code %VAR%}, {@code ****}, {@code xxxxxxxx}, {@code changeme}, {@code your_...},
     * an environment lookup, a function call, a URL, an absolute path, or the tail of {@code ==}/{@code ::}.
     */
    static boolean isPlaceholder(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        char first = v.isEmpty() ? ' ' : v.charAt(0);
        if ("<${%[(:=".indexOf(first) >= 0 || v.startsWith("{{") || CODE_CALL.matcher(v).lookingAt()) {
            return true;
        }
        if (v.chars().distinct().count() <= 2) {
            return true;
        }
        if (PLACEHOLDER_WORDS.contains(TRAILING_BANG.matcher(v).replaceAll(""))) {
            return true;
        }
        if (PLACEHOLDER_PART.matcher(v).find()) {
            return true;
        }
        return v.contains("://") || (first == '/' && v.indexOf('/', 1) > 0) || v.startsWith("~/");
    }
}
