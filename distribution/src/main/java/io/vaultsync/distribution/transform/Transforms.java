package io.vaultsync.distribution.transform;

import io.vaultsync.distribution.rules.SyncRule;
import java.util.Map;

/**
 * The rule's transforms over one output. Pure and deterministic (the checksum check runs them twice).
 * <ul>
 * <li>{@code rewrite_paths}: {@link #rewritePath} moves a downstream path under {@code from} to {@code to};
 * <li>links: a relative link is resolved against the file's source path; if it points at a file the rule
 * publishes, it is rewritten to that file's downstream path (so links follow the rewritten paths); if not and
 * {@code strip_internal_links} is on, the link becomes its text; otherwise it is left as it is (and the link
 * check will say whether it resolves downstream).
 * </ul>
 */
public final class Transforms {
    private Transforms() {
    }

    /** A downstream path after the rule's {@code rewrite_paths} (the first matching prefix wins). */
    public static String rewritePath(SyncRule.Transforms t, String path) {
        for (SyncRule.RewritePath r : t.rewritePaths()) {
            String from = r.from();
            if (path.equals(stripSlash(from)) || path.startsWith(from.endsWith("/") ? from : from + "/")) {
                return stripSlash(r.to()) + path.substring(stripSlash(from).length());
            }
        }
        return path;
    }

    /**
     * The links of {@code text} (the output of source file {@code sourcePath}, landing at {@code downstreamPath})
     * rewritten; {@code published} maps each published source path to its downstream path.
     */
    public static String links(SyncRule.Transforms t, String sourcePath, String downstreamPath, String text,
            Map<String, String> published) {
        return Links.rewrite(text, link -> {
            if (!link.relative() || link.path().isEmpty()) {
                return null;
            }
            String target = Links.resolve(sourcePath, link.path());
            String landed = target == null ? null : published.get(target);
            if (landed != null) {
                String rel = Links.relative(downstreamPath, landed) + link.suffix();
                return (link.image() ? "!" : "") + "[" + link.text() + "](" + rel + ")";
            }
            return t.stripInternalLinks() && !link.image() ? link.text() : null;
        });
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
