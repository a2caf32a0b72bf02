package io.vaultsync.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * A gitignore-syntax denylist evaluated the way git evaluates one top-level {@code .gitignore}:
 * every parent directory of a path is checked as a directory, then the path itself as a file; at
 * each level the last matching rule wins, and a negation ({@code !pattern}) un-denies. A path below
 * a denied directory stays denied, whatever later rules say (git cannot re-include it either).
 *
 * <p>Matching is case-insensitive, so {@code .ENV} or {@code Secrets/} on a case-insensitive disk
 * are caught too. Gitignore semantics come from JGit's {@link FastIgnoreRule}.
 */
final class PathDenylist {

    private record Rule(String line, FastIgnoreRule matcher) {
    }

    private final List<Rule> rules;

    private PathDenylist(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses gitignore lines; blank lines and comments are skipped.
     *
     * @throws IllegalArgumentException if a line is not a valid gitignore pattern
     */
    static PathDenylist parse(List<String> lines) {
        Objects.requireNonNull(lines, "lines");
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            Objects.requireNonNull(raw, "deny pattern");
            String line = stripLineEnd(raw);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            FastIgnoreRule matcher = new FastIgnoreRule(line.toLowerCase(Locale.ROOT));
            if (matcher.isEmpty()) {
                throw new IllegalArgumentException("invalid deny pattern: " + line);
            }
            rules.add(new Rule(line, matcher));
        }
        return new PathDenylist(rules);
    }

    /** Number of effective rules (comments and blank lines excluded). */
    int size() {
        return rules.size();
    }

    /**
     * The rule line that denies {@code relPath}, if any.
     *
     * @param relPath a vault-relative path with {@code /} separators, already checked for escapes
     */
    Optional<String> denyingRule(String relPath) {
        String path = relPath.toLowerCase(Locale.ROOT);
        int slash = path.indexOf('/');
        while (slash >= 0) {
            Optional<String> dir = decide(path.substring(0, slash), true);
            if (dir.isPresent()) {
                return dir;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return decide(path, false);
    }

    /** Last matching rule wins; a negation means "not denied at this level". */
    private Optional<String> decide(String path, boolean directory) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.matcher().isMatch(path, directory, true)) {
                return rule.matcher().getResult() ? Optional.of(rule.line()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Drops a trailing CR and trailing blanks; the rest is the pattern "as written". */
    private static String stripLineEnd(String raw) {
        int end = raw.length();
        while (end > 0) {
            char c = raw.charAt(end - 1);
            boolean escapedSpace = c == ' ' && end > 1 && raw.charAt(end - 2) == '\\';
            if ((c == ' ' || c == '\t' || c == '\r') && !escapedSpace) {
                end--;
            } else {
                break;
            }
        }
        return raw.substring(0, end);
    }
}
