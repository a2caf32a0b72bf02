package io.vaultsync.markdown;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way the tools write a YAML scalar by hand (front matter, cards, the policy) and read a quoted
 * one back: the lines they own are written without a mapper so that the rest of a file keeps its bytes.
 * Pure.
 */
public final class YamlText {
    /** Scalars safe to write unquoted, in block and in flow context. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    private YamlText() {}

    /** The text as it is when that is safe and reads back as the same string, else {@link #quote}d. */
    public static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) return s;
        return quote(s);
    }

    /**
     * A YAML double-quoted scalar: safe for any text, including colons, quotes, line breaks and the
     * characters YAML reads as line breaks or drops (NEL, U+2028, U+2029, a byte order mark).
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The value of a one-line scalar: a double-quoted one with its escapes undone ({@code \xHH} and
     * the four-digit u escape included), a single-quoted one with {@code ''} as a quote, anything else as it is.
     */
    public static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            if (s.length() >= 2 && s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'') {
                return s.substring(1, s.length() - 1).replace("''", "'");
            }
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int end = s.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'x' -> i += hex(s, i, 2, end, sb);
                case 'u' -> i += hex(s, i, 4, end, sb);
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }

    /** Appends the char of the {@code digits} hex digits after {@code at}; how many were used (0 if none fit). */
    private static int hex(String s, int at, int digits, int end, StringBuilder sb) {
        if (at + digits >= end) return 0;
        try {
            sb.append((char) Integer.parseInt(s.substring(at + 1, at + 1 + digits), 16));
            return digits;
        } catch (NumberFormatException e) {
            sb.append(s.charAt(at));
            return 0;
        }
    }
}
