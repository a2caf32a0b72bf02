package io.vaultsync.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A write-zone glob over vault-relative paths ({@code /}-separated, no leading {@code /}).
 * <ul>
 *   <li>a trailing {@code /} means the folder and everything below it: {@code Plans/} matches
 *       {@code Plans/a.md} and {@code Plans/x/b.md} (paths are files, so not the bare {@code Plans})</li>
 *   <li>{@code *} matches any run of characters within one path segment, {@code ?} exactly one</li>
 *   <li>{@code **} (a whole segment) matches any number of segments: {@code Done/**}{@code /*.md}</li>
 *   <li>anything else is literal, so a glob without wildcards is an exact path: {@code Dashboard.md}</li>
 * </ul>
 * Matching is case-sensitive, like git.
 */
public final class Glob {

    private final String text;
    private final Pattern regex;

    private Glob(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** Compiles a glob; throws IllegalArgumentException {@code bad glob '...': reason} if it is malformed. */
    public static Glob compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        String problem = problem(glob);
        if (problem != null) {
            throw new IllegalArgumentException("bad glob '" + glob + "': " + problem);
        }
        boolean folder = glob.endsWith("/");
        String[] segments = (folder ? glob.substring(0, glob.length() - 1) : glob).split("/", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            if (segments[i].equals("**")) {
                re.append(last ? ".*" : "(?:[^/]+/)*");
            } else {
                appendSegment(re, segments[i]);
                if (!last) {
                    re.append('/');
                }
            }
        }
        if (folder) {
            re.append("/.+");
        }
        return new Glob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** True iff the whole vault-relative path matches. */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** The glob as written. */
    public String text() {
        return text;
    }

    private static String problem(String glob) {
        if (glob.isEmpty()) {
            return "empty";
        }
        if (glob.startsWith("/")) {
            return "must be relative to the vault (no leading '/')";
        }
        if (glob.indexOf('\\') >= 0 || glob.indexOf('\0') >= 0) {
            return "use '/' as the separator";
        }
        String body = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segments are not allowed";
            }
            if (segment.contains("**") && !segment.equals("**")) {
                return "'**' must be a whole path segment";
            }
        }
        return null;
    }

    private static void appendSegment(StringBuilder re, String segment) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
