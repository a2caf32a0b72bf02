package io.vaultsync.cloud.handler;

import io.vaultsync.config.Actions;
import io.vaultsync.markdown.FrontMatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A task's type, which picks its handler and names the domain of its drafts: the front matter's
 * {@code type:}, else the file name's prefix before the first {@code _} ({@code EMAIL_invoice.md} →
 * {@code email}); lower case; null when neither gives a usable name. Pure.
 */
public final class TaskType {
    private static final FrontMatter TYPE = new FrontMatter(List.of("type"));

    private TaskType() {}

    public static String of(String fileName, byte[] bytes) {
        String declared = TYPE.values(bytes).get("type");
        if (declared != null && usable(declared.trim())) return declared.trim().toLowerCase(Locale.ROOT);
        int cut = fileName.indexOf('_');
        if (cut <= 0) return null;
        String prefix = fileName.substring(0, cut);
        return usable(prefix) ? prefix.toLowerCase(Locale.ROOT) : null;
    }

    /** A task is a visible Markdown file: {@code *.md} (any case), not starting with a dot. */
    public static boolean isTaskFile(String fileName) {
        return !fileName.startsWith(".") && fileName.length() > 3
                && fileName.regionMatches(true, fileName.length() - 3, ".md", 0, 3);
    }

    /**
     * The handler for a (lower-case) type: the one configured under that name, else one configured under the
     * same name in another case ({@code EMAIL=...} in {@code actions.yaml} serves {@code email} tasks).
     */
    public static Optional<List<String>> handler(Actions actions, String type) {
        if (type == null) return Optional.empty();
        Optional<List<String>> exact = actions.handler(type);
        if (exact.isPresent()) return exact;
        return actions.handlers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(type))
                .map(Map.Entry::getValue).findFirst();
    }

    /** A folder name for {@code Pending_Approval/<domain>/}: letters, digits, {@code -}; not {@code conflicts}. */
    static boolean usable(String s) {
        return !s.isEmpty() && s.length() <= 64 && s.matches("[A-Za-z0-9][A-Za-z0-9-]*") && !s.equalsIgnoreCase("conflicts");
    }
}
