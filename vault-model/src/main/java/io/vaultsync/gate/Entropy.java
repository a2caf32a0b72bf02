package io.vaultsync.gate;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells random-looking tokens (keys, tokens) from structured identifiers (paths, file names,
 * camel-case names, dates), for the {@code high-entropy} detector.
 */
final class Entropy {

    /** Minimum Shannon entropy, in bits per character. */
    static final double MIN_BITS_PER_CHAR = 3.8;

    /** Minimum length of the value. */
    static final int MIN_LENGTH = 20;

    /**
     * Minimum "word tokens per character": random text breaks into many short tokens (about 0.55 on
     * average, above 0.33 for 99% of 20-64 character base64 strings), structured names into few
     * long words (0.15-0.30).
     */
    static final double MIN_TOKEN_DENSITY = 0.33;

    /** Minimum run without a {@code _ - /} separator; rules out {@code SIGNAL_2024-05-01T10-00-00Z}. */
    static final int MIN_SEGMENT = 12;

    private static final Pattern WORD_TOKEN = Pattern.compile("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+");

    private Entropy() {
    }

    /** Shannon entropy of {@code s} in bits per character; 0 for an empty string. */
    static double shannon(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(s.charAt(i), 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / n;
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    /** Word tokens (Capitalised word, ACRONYM, number) per letter or digit. */
    static double tokenDensity(CharSequence s) {
        Matcher m = WORD_TOKEN.matcher(s);
        int tokens = 0;
        int chars = 0;
        while (m.find()) {
            tokens++;
            chars += m.end() - m.start();
        }
        return chars == 0 ? 0 : (double) tokens / chars;
    }

    /** Length of the longest run without {@code _}, {@code -} or {@code /}. */
    static int longestSegment(CharSequence s) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            run = (c == '_' || c == '-' || c == '/') ? 0 : run + 1;
            best = Math.max(best, run);
        }
        return best;
    }

    /** Has an upper-case letter, a lower-case letter and a digit (ASCII). */
    static boolean hasMixedClasses(CharSequence s) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    /** All of the above: long, mixed, high-entropy and not made of words. */
    static boolean looksRandom(CharSequence s) {
        return s.length() >= MIN_LENGTH
                && hasMixedClasses(s)
                && shannon(s) >= MIN_BITS_PER_CHAR
                && longestSegment(s) >= MIN_SEGMENT
                && tokenDensity(s) >= MIN_TOKEN_DENSITY;
    }
}
