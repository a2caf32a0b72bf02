package io.vaultsync.local.approve;

import java.nio.file.Path;

/**
 * Where a draft waits: {@code Pending_Approval/<domain>/<name>}. Parses what a person types (a
 * vault-relative path, or an absolute one inside the vault) and says plainly why anything else is not a
 * draft. Pure.
 */
public record DraftPath(String domain, String name) {
    public static final String PENDING = "Pending_Approval/";
    public static final String CONFLICTS = "conflicts";

    public String path() {
        return PENDING + domain + "/" + name;
    }

    public String target(Verdict v) {
        return v.folder() + name;
    }

    /** The outcome of reading a path: a draft, or why it is none. */
    public sealed interface Parsed permits Ok, NotADraft {}

    public record Ok(DraftPath draft) implements Parsed {}

    public record NotADraft(String input, String why) implements Parsed {}

    public static Parsed parse(Path vaultRoot, String input) {
        if (input == null || input.isBlank()) return new NotADraft(String.valueOf(input), "no path given");
        if (input.indexOf('\0') >= 0) return new NotADraft(input, "the path contains a NUL character");
        String rel = input.replace('\\', '/');
        Path p = Path.of(input);
        if (p.isAbsolute()) {
            Path root = vaultRoot.toAbsolutePath().normalize();
            Path abs = p.normalize();
            if (!abs.startsWith(root)) return new NotADraft(input, "it is outside the vault " + root);
            rel = root.relativize(abs).toString().replace('\\', '/');
        }
        for (String seg : rel.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".") || seg.isEmpty()) {
                return new NotADraft(input, "a vault path has no empty, '.' or '..' parts");
            }
        }
        if (!rel.startsWith(PENDING)) return new NotADraft(input, "drafts wait in " + PENDING + "<domain>/");
        String rest = rel.substring(PENDING.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return new NotADraft(input, "a draft sits in a domain folder: " + PENDING + "<domain>/<name>");
        }
        String domain = rest.substring(0, slash);
        if (domain.equals(CONFLICTS)) {
            return new NotADraft(input, "that is a decision card; close it with resolve");
        }
        return new Ok(new DraftPath(domain, rest.substring(slash + 1)));
    }
}
