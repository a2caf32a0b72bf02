package io.vaultsync.gate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named content detector: a regex, a check on each candidate match (boundary, placeholder,
 * entropy...), and lower-case hints, one of which must occur in the text for the regex to be
 * worth running (a cheap prefilter; empty means always run).
 *
 * @param name           the rule name reported as {@code content:<name>}; lower-case words and dashes
 * @param pattern        what a candidate looks like
 * @param hints          lower-case substrings, one of which every match contains
 * @param accept         whether a candidate match is a real hit
 * @param resumeAfterEnd after a refused candidate, look for the next one after its end rather than one char
 *                       past its start: for a check that a longer candidate passes whenever a shorter one
 *                       inside it does (mixed case), so {@code _sk-_sk-...} is not read 256 chars at a time
 */
record Detector(String name, Pattern pattern, List<String> hints, Check accept, boolean resumeAfterEnd) {

    /** Decides whether a candidate match is a real hit; sees the whole text for context. */
    @FunctionalInterface
    interface Check {
        boolean test(CharSequence text, Matcher match);

        default Check and(Check other) {
            return (text, m) -> test(text, m) && other.test(text, m);
        }
    }

    /** Every candidate is a hit. */
    static final Check ANY = (text, m) -> true;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    Detector {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(accept, "accept");
        hints = List.copyOf(hints);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad detector name: " + name);
        }
        for (String hint : hints) {
            if (hint.isEmpty() || !hint.equals(hint.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("hint must be non-empty lower case: " + hint);
            }
        }
    }

    static Detector of(String name, String regex, List<String> hints, Check accept) {
        return new Detector(name, Pattern.compile(regex), hints, accept, false);
    }

    /** This detector, looking for the next candidate after the end of a refused one. */
    Detector resumingAfterEnd() {
        return new Detector(name, pattern, hints, accept, true);
    }

    /**
     * {@code true} if some match in {@code text} is accepted.
     *
     * @param lower {@code text} in lower case, for the hints
     */
    boolean foundIn(CharSequence text, String lower) {
        return firstIn(text, lower).isPresent();
    }

    /**
     * The first accepted match in {@code text}, if any (its span, for redaction; never reported).
     *
     * @param lower {@code text} in lower case, for the hints
     */
    Optional<MatchResult> firstIn(CharSequence text, String lower) {
        if (!hints.isEmpty() && hints.stream().noneMatch(lower::contains)) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            if (accept.test(text, m)) {
                return Optional.of(m.toMatchResult());
            }
            from = resumeAfterEnd ? Math.max(m.end(), m.start() + 1) : m.start() + 1;
        }
        return Optional.empty();
    }
}
