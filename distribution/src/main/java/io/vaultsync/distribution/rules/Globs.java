package io.vaultsync.distribution.rules;

import java.util.regex.Pattern;

/**
 * Glob matching over repository paths ({@code /}-separated, relative): {@code *} and {@code ?} stay in one
 * folder, {@code **} crosses folders ({@code docs/**}{@code /*.md} also matches {@code docs/a.md}). Pure.
 */
public final class Globs {
    private Globs() {
    }

    /** Whether {@code path} matches {@code glob}. */
    public static boolean matches(String glob, String path) {
        return regex(glob).matcher(path).matches();
    }

    /** The literal folder before the first wildcard: {@code docs/guides/} for {@code docs/guides/**}. */
    public static String base(String glob) {
        int wild = firstWildcard(glob);
        if (wild < 0) {
            int slash = glob.lastIndexOf('/');
            return slash < 0 ? "" : glob.substring(0, slash + 1);
        }
        int slash = glob.lastIndexOf('/', wild);
        return slash < 0 ? "" : glob.substring(0, slash + 1);
    }

    /** Whether the glob names one file (no wildcard). */
    public static boolean literal(String glob) {
        return firstWildcard(glob) < 0;
    }

    static void check(String glob, String key) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        cleanPath(glob, key);
        regex(glob);
    }

    /** A relative path without {@code ..}, {@code .}, leading {@code /} or backslashes; "" stays "". */
    static String cleanPath(String path, String key) {
        if (path.isEmpty()) {
            return path;
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("//")) {
            throw new IllegalArgumentException("'" + path + "' is not a relative path with '/' separators");
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("'" + path + "' may not contain '.' or '..'");
            }
            if (part.equalsIgnoreCase(".git")) {
                throw new IllegalArgumentException("'" + path + "' may not contain a '.git' folder");
            }
        }
        return path;
    }

    private static int firstWildcard(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    private static Pattern regex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                sb.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }
}
