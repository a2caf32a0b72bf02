package io.vaultsync.cloud.handler;

import io.vaultsync.markdown.FrontMatter;
import java.util.List;
import java.util.Locale;

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

    /** A folder name for {@code Pending_Approval/<domain>/}: letters, digits, {@code -}; not {@code conflicts}. */
    static boolean usable(String s) {
        return !s.isEmpty() && s.length() <= 64 && s.matches("[A-Za-z0-9][A-Za-z0-9-]*") && !s.equalsIgnoreCase("conflicts");
    }
}
