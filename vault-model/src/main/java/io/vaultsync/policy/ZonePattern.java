package io.vaultsync.policy;

import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * A write-zone pattern: one line of gitignore syntax, matched by JGit's {@link FastIgnoreRule} like the
 * gate's denylist, against vault-relative file paths ({@code /}-separated, no leading {@code /}). Two
 * things differ from a line of a {@code .gitignore}, because a zone says what an agent may write and has
 * always meant this; {@link #compile} converts the zone to the gitignore line that means it:
 * <ul>
 *   <li>it is anchored at the vault root, as if written with a leading {@code /} (which may be written):
 *       {@code Dashboard.md} is the file at the root, not one in any folder;</li>
 *   <li>it matches files, not folders: a trailing {@code /} means everything below the folder
 *       ({@code Plans/} becomes {@code /Plans/**}), and {@code Done/*} covers the files directly in
 *       {@code Done/}, not those in its subfolders (that is {@code Done/} or {@code Done/**}).</li>
 * </ul>
 * The rest is gitignore's: {@code *} and {@code ?} within one segment, {@code [a-z]} classes, {@code **}
 * as a whole segment across any number of segments, {@code !} to take paths out again (in a list the last
 * matching pattern decides, see {@link #covers}), {@code \} to escape one of {@code * ? [ ] ! # \} or a space.
 * Case-sensitive, like git. Immutable.
 */
public final class ZonePattern {

    private final String text;
    private final String rule;
    private final FastIgnoreRule matcher;

    private ZonePattern(String text, String rule, FastIgnoreRule matcher) {
        this.text = text;
        this.rule = rule;
        this.matcher = matcher;
    }

    /** Compiles a zone; throws IllegalArgumentException {@code bad zone '...': reason} if it is malformed. */
    public static ZonePattern compile(String zone) {
        Objects.requireNonNull(zone, "zone");
        String problem = problem(zone);
        if (problem != null) {
            throw new IllegalArgumentException("bad zone '" + zone + "': " + problem);
        }
        String rule = gitignoreLine(zone);
        FastIgnoreRule matcher = new FastIgnoreRule(rule);
        if (matcher.isEmpty()) {
            throw new IllegalArgumentException("bad zone '" + zone + "': not a valid gitignore pattern");
        }
        return new ZonePattern(zone, rule, matcher);
    }

    /**
     * The gitignore line that means {@code zone}: {@code !} kept in front, anchored with one leading
     * {@code /}, a trailing {@code /} followed by {@code **} (by {@code *}{@code /**} after a {@code **}
     * segment, which names folders at any depth). Pure; {@code zone} must be well formed.
     */
    static String gitignoreLine(String zone) {
        boolean negated = zone.startsWith("!");
        String body = negated ? zone.substring(1) : zone;
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        if (body.equals("**/") || body.endsWith("/**/")) {
            body = body + "*/**"; // a folder at any depth: the files inside one, not those beside it
        } else if (body.endsWith("/")) {
            body = body + "**";
        }
        return (negated ? "!" : "") + "/" + body;
    }

    /** True iff the file at the vault-relative {@code path} matches (a {@code !} zone too: see {@link #covers}). */
    public boolean matches(String path) {
        return matcher.isMatch(path, false, true);
    }

    /** True for a {@code !} zone, which takes the paths it matches out of the zones before it. */
    public boolean negated() {
        return !matcher.getResult();
    }

    /** True iff the last zone in {@code zones} that matches {@code path} is not a {@code !} zone. Pure. */
    public static boolean covers(List<ZonePattern> zones, String path) {
        for (int i = zones.size() - 1; i >= 0; i--) {
            if (zones.get(i).matches(path)) {
                return !zones.get(i).negated();
            }
        }
        return false;
    }

    /** The zone as written in the policy. */
    public String text() {
        return text;
    }

    /** The gitignore line it is matched as. */
    public String rule() {
        return rule;
    }

    private static String problem(String zone) {
        String body = zone.startsWith("!") ? zone.substring(1) : zone;
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        if (body.isEmpty() || body.equals("/")) {
            return "empty";
        }
        if (zone.startsWith("#")) {
            return "'#' starts a comment in gitignore syntax (write '\\#' for a name that starts with '#')";
        }
        if (zone.indexOf('\0') >= 0 || badBackslash(zone)) {
            return "use '/' as the separator ('\\' only escapes one of * ? [ ] ! # \\ or a space)";
        }
        if (zone.endsWith(" ") || zone.endsWith("\t")) {
            if (!zone.endsWith("\\ ")) {
                return "trailing blank (write '\\ ' if it is part of the name)";
            }
        }
        String folder = body.endsWith("/") ? body.substring(0, body.length() - 1) : body;
        for (String segment : folder.split("/", -1)) {
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

    /** A {@code \} that does not escape one of the characters gitignore gives a meaning to. */
    private static boolean badBackslash(String zone) {
        for (int i = 0; i < zone.length(); i++) {
            if (zone.charAt(i) == '\\') {
                if (i + 1 == zone.length() || "*?[]!#\\ ".indexOf(zone.charAt(i + 1)) < 0) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZonePattern other && other.text.equals(text);
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
