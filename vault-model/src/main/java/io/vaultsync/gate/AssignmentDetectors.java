package io.vaultsync.gate;

import io.vaultsync.gate.PasswordValues.Kind;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detectors that need a key or a header in front of the secret: AWS secret keys, bearer and basic
 * authorization, credentials in URLs, password assignments (on the line, in a quoted or YAML value
 * with spaces, in a YAML block or on the next line), password columns of Markdown tables, and
 * high-entropy values in key=value form.
 *
 * <p>Key=value rules start at the separator and look back for the key (at most 64 chars), and every
 * look ahead is bounded (a line is read up to {@link #LINE_LIMIT} chars), so no input makes a scan
 * quadratic.
 */
final class AssignmentDetectors {

    /** A key=value separator ({@code =}, {@code :}, {@code :=}, {@code =>}) and the blanks after it. */
    static final String SEP = "(?::=|=>|[:=])[ \\t]*";

    /** How far a value's line is read; a longer line holds no phrase and no block indicator. */
    static final int LINE_LIMIT = 256;

    /** The hints of the password rules: one of these is in every password-like key. */
    static final List<String> PASSWORD_HINTS = List.of("pass", "pw", "secret", "key", "token");

    /** Any key name found by {@link #keyBefore}: starts with a letter. */
    private static final Pattern KEY_NAME = Pattern.compile("^[a-z]");

    private static final Detector.Check VALUE_NOT_PLACEHOLDER = (t, m) -> !PasswordValues.isPlaceholder(m.group("v"));

    /** The value after a password-like key: up to 200 chars, past an opening quote or emphasis. */
    private static final Pattern PASSWORD_VALUE = Pattern.compile("[\"'`*_]*+[ \\t]*+(?<v>[^\\s\"'`,;]{8,200}+)");

    /** A base64-ish value in quotes or not; not followed by more token text, an {@code @} or a domain. */
    private static final Pattern RANDOM_VALUE = Pattern.compile(
            "[\"'`]?(?<v>[A-Za-z0-9+/_-]{20,4096}+={0,3}+)(?![A-Za-z0-9+/=_@-]|\\.[A-Za-z0-9])");

    private static final Pattern LEADING_EMPHASIS = Pattern.compile("^[*_]++");
    private static final Pattern QUOTES_AROUND = Pattern.compile("^[\"'`]|[\"'`]$");

    /** A YAML block scalar indicator: {@code |}, {@code >-}, {@code |+2}. */
    private static final Pattern BLOCK = Pattern.compile("[|>][-+0-9]{0,2}+");

    /** A line that starts a new key ({@code user: bob}, {@code - name =}), so it is no value. */
    private static final Pattern KEY_LINE = Pattern.compile("[-*>\\s]*+[\\w.\"'\\[\\]-]++[ \\t]*+(?::|=)(?:[ \\t]|$)");

    static final List<Detector> ALL = List.of(
            Detector.of("aws-secret-access-key",
                    "(?i)aws[_.-]?secret[_.-]?(?:access[_.-]?)?key[\"'*_\\]]*[ \\t]*" + SEP
                            + "[\"'`]?[A-Za-z0-9/+]{40}+(?![A-Za-z0-9/+=])",
                    List.of("aws"), Detector.ANY),
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
            PasswordTables.DETECTOR,
            Detector.of("password-assignment", SEP, PASSWORD_HINTS, AssignmentDetectors::passwordAt),
            Detector.of("high-entropy", SEP, List.of(),
                    assignment(AssignmentDetectors::anyKey, RANDOM_VALUE, Entropy::looksRandom)));

    private AssignmentDetectors() {
    }

    /**
     * A password-like key before the separator {@code m}, and after it: a single token; a quoted value
     * with spaces; on a line that is just the key and value, the rest of the line as a phrase; or,
     * when the line ends at the separator or at a YAML block indicator, the value on the next line.
     */
    private static boolean passwordAt(CharSequence text, Matcher m) {
        int keyStart = keyStart(text, m.start());
        if (keyStart < 0) {
            return false;
        }
        Kind kind = PasswordValues.kindOf(text.subSequence(keyStart, keyEnd(text, m.start())).toString()
                .toLowerCase(Locale.ROOT));
        if (kind == Kind.NONE) {
            return false;
        }
        Matcher v = PASSWORD_VALUE.matcher(text);
        v.region(m.end(), Math.min(text.length(), m.end() + 8192));
        v.useTransparentBounds(true);
        if (v.lookingAt() && PasswordValues.isSecretToken(v.group("v"), kind)) {
            return true;
        }
        int eol = lineEnd(text, m.end());
        if (eol < 0) {
            return false;
        }
        String rest = stripComment(LEADING_EMPHASIS.matcher(text.subSequence(m.end(), eol)).replaceFirst("").strip());
        if (!rest.isEmpty() && "\"'`".indexOf(rest.charAt(0)) >= 0) {
            int close = rest.indexOf(rest.charAt(0), 1);
            return close > 0 && PasswordValues.isPassphrase(rest.substring(1, close), kind);
        }
        int column = keyStart - lineStart(text, keyStart);
        if (!startsLine(text, keyStart)) {
            return false;
        }
        if (rest.isEmpty() || BLOCK.matcher(rest).matches()) {
            return nextLineValue(text, eol, column, !rest.isEmpty(), kind);
        }
        return PasswordValues.isPassphrase(rest, kind);
    }

    /**
     * The value on the line after {@code eol}: for a block ({@code |}, {@code >}) the first non-blank line,
     * indented deeper than the key; otherwise the very next line, unless it is blank, a comment or a new
     * key at the key's depth or less.
     */
    private static boolean nextLineValue(CharSequence text, int eol, int keyColumn, boolean block, Kind kind) {
        int pos = eol;
        for (int blanks = 0; blanks < 8 && pos < text.length(); blanks++) {
            pos++; // past the '\n'
            int end = lineEnd(text, pos);
            if (end < 0) {
                return false;
            }
            String line = text.subSequence(pos, end).toString().stripTrailing();
            if (line.isBlank()) {
                if (!block) {
                    return false;
                }
                pos = end;
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String content = line.strip();
            boolean deeper = indent > keyColumn;
            if (content.startsWith("#") || (block && !deeper) || (!deeper && KEY_LINE.matcher(content).lookingAt())) {
                return false;
            }
            Matcher v = PASSWORD_VALUE.matcher(content);
            return (v.lookingAt() && PasswordValues.isSecretToken(v.group("v"), kind))
                    || PasswordValues.isPassphrase(QUOTES_AROUND.matcher(content).replaceAll(""), kind);
        }
        return false;
    }

    /** The end of the line holding {@code from} ('\n' or the text's end), or -1 if it is longer than the limit. */
    static int lineEnd(CharSequence text, int from) {
        return lineEnd(text, from, LINE_LIMIT);
    }

    /** The end of the line holding {@code from}, or -1 if it is longer than {@code max} chars. */
    static int lineEnd(CharSequence text, int from, int max) {
        int limit = Math.min(text.length(), from + max);
        for (int i = from; i < limit; i++) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return limit == text.length() ? limit : -1;
    }

    /** The start of the line holding {@code at}, looking back at most {@link #LINE_LIMIT} chars. */
    static int lineStart(CharSequence text, int at) {
        return lineStart(text, at, LINE_LIMIT);
    }

    /** The start of the line holding {@code at}, looking back at most {@code max} chars. */
    static int lineStart(CharSequence text, int at, int max) {
        int i = at;
        while (i > 0 && at - i < max && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /** Only blanks, list, quote or emphasis marks before {@code at} on its line. */
    private static boolean startsLine(CharSequence text, int at) {
        int i = at;
        while (i > 0 && " \t-+*>_\"'`".indexOf(text.charAt(i - 1)) >= 0) {
            i--;
        }
        return i == 0 || text.charAt(i - 1) == '\n';
    }

    /** Drops a trailing {@code  # comment} (YAML, shell) and a trailing CR. */
    private static String stripComment(String rest) {
        int hash = rest.indexOf(" #");
        return (hash >= 0 ? rest.substring(0, hash) : rest).strip();
    }

    /**
     * A key=value check anchored at the separator {@code m}: the key before it must satisfy
     * {@code key} (checked first, it is cheap), then {@code value} must match right after it and its
     * group {@code v} satisfy {@code valueOk}.
     */
    private static Detector.Check assignment(Function<String, Matcher> key, Pattern value, Predicate<String> valueOk) {
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
        int start = keyStart(text, sep);
        return start < 0 ? "" : text.subSequence(start, keyEnd(text, sep)).toString().toLowerCase(Locale.ROOT);
    }

    /** Where {@link #keyBefore}'s key starts, or -1 if there is none. */
    private static int keyStart(CharSequence text, int sep) {
        int end = keyEnd(text, sep);
        int start = end;
        while (start > 0 && end - start < 64 && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && " \t\r\n\f\"'{,;&?([*|$".indexOf(text.charAt(start - 1)) < 0) {
            return -1;
        }
        return start;
    }

    private static int keyEnd(CharSequence text, int sep) {
        int end = sep;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        while (end > 0 && "\"'*]".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
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
