package io.vaultsync.gate;

import io.vaultsync.VaultException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret gate: decides, before staging, whether a vault file may be committed. Pure and
 * immutable; safe to share between threads. The caller does the I/O (lstat, read) and passes the
 * facts in.
 *
 * <p>Rules, in the order they are checked: {@code path-escape}, {@code bad-name}, {@code symlink},
 * {@code deny:<pattern>}, {@code name:<detector>} (a token in the path, such as {@code Plans/ghp_....md}),
 * {@code size-limit}, then {@code content:<detector>}. A rule never contains the file's content, nor
 * the token of a name; wherever a path is shown, {@link #shown} masks such a token.
 */
public final class SecretGate {

    /** Files larger than this (5 MiB) are skipped unless the policy says otherwise. */
    public static final long DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

    /** Classpath location of the bundled denylist (a copy of {@code gitignore-templates/vault.gitignore}). */
    public static final String TEMPLATE_RESOURCE = "/io/vaultsync/templates/vault.gitignore";

    public static final String RULE_PATH_ESCAPE = "path-escape";
    public static final String RULE_SYMLINK = "symlink";
    public static final String RULE_SIZE_LIMIT = "size-limit";
    public static final String RULE_BAD_NAME = "bad-name";
    /** A FIFO, socket or device: never read, never committed. */
    public static final String RULE_SPECIAL_FILE = "special-file";
    public static final String DENY_PREFIX = "deny:";
    public static final String CONTENT_PREFIX = "content:";
    /** A token in the file's path ({@code name:github-token}): the path is held back, and shown masked. */
    public static final String NAME_PREFIX = "name:";

    /** The token detectors run on paths; fixed, like the content detectors (a floor). */
    private static final NameScanner NAMES = NameScanner.standard();

    /** The built-in denylist: a floor that no policy lowers. */
    private final PathDenylist floor;
    /** The policy's own patterns; a {@code !pattern} there re-includes only what they denied. */
    private final PathDenylist extra;
    private final ContentScanner scanner;
    private final long maxFileSizeBytes;

    private SecretGate(PathDenylist floor, PathDenylist extra, ContentScanner scanner, long maxFileSizeBytes) {
        if (maxFileSizeBytes <= 0) {
            throw new IllegalArgumentException("maxFileSizeBytes must be > 0");
        }
        this.floor = floor;
        this.extra = extra;
        this.scanner = scanner;
        this.maxFileSizeBytes = maxFileSizeBytes;
    }

    /**
     * The bundled denylist plus {@code extraDenyPatterns} (gitignore syntax, from the vault policy). The
     * bundled list is a floor: a path it denies stays denied whatever the policy says, and a
     * {@code !pattern} of the policy re-includes only what the policy's own patterns denied.
     *
     * @throws IllegalArgumentException if a pattern is invalid or the size is not positive
     * @throws VaultException           if the bundled template is missing from the classpath
     */
    public static SecretGate standard(List<String> extraDenyPatterns, long maxFileSizeBytes) {
        Objects.requireNonNull(extraDenyPatterns, "extraDenyPatterns");
        return new SecretGate(PathDenylist.parse(Template.LINES), PathDenylist.parse(new ArrayList<>(extraDenyPatterns)),
                ContentScanner.standard(), maxFileSizeBytes);
    }

    /** A gate with exactly {@code denyPatterns} (no bundled template) and the standard detectors. */
    public static SecretGate withDenylist(List<String> denyPatterns, long maxFileSizeBytes) {
        return new SecretGate(PathDenylist.parse(denyPatterns), PathDenylist.parse(List.of()), ContentScanner.standard(),
                maxFileSizeBytes);
    }

    /** The lines of the bundled denylist template, as shipped (comments included). */
    public static List<String> bundledTemplate() {
        return Template.LINES;
    }

    /** The content detector names, in the order they run ({@code content:<name>}). */
    public static List<String> detectorNames() {
        return ContentScanner.standard().detectorNames();
    }

    /**
     * {@code relPath} as it may be printed, logged or reported: each token in it ({@code ghp_...},
     * {@code AKIA...}) replaced by {@code ***}. A path without one is returned unchanged.
     */
    public static String shown(String relPath) {
        return NAMES.masked(Objects.requireNonNull(relPath, "relPath"));
    }

    public long maxFileSizeBytes() {
        return maxFileSizeBytes;
    }

    /**
     * Layers 1 and 3, and the token scan of the path; without content.
     *
     * @param relPath vault-relative path with {@code /} separators
     * @param symlink whether the file is a symbolic link (never followed, never committed)
     * @param size    the file's size in bytes, {@code >= 0}
     */
    public Verdict checkPath(String relPath, boolean symlink, long size) {
        Objects.requireNonNull(relPath, "relPath");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        if (VaultPaths.escapes(relPath)) {
            return new Verdict.Blocked(RULE_PATH_ESCAPE);
        }
        if (VaultPaths.badName(relPath)) {
            return new Verdict.Blocked(RULE_BAD_NAME);
        }
        if (symlink) {
            return new Verdict.Blocked(RULE_SYMLINK);
        }
        Optional<String> deny = floor.denyingRule(relPath).or(() -> extra.denyingRule(relPath));
        if (deny.isPresent()) {
            return new Verdict.Blocked(DENY_PREFIX + deny.get());
        }
        Optional<String> token = NAMES.firstHit(relPath);
        if (token.isPresent()) {
            return new Verdict.Blocked(NAME_PREFIX + token.get());
        }
        if (size > maxFileSizeBytes) {
            return new Verdict.Blocked(RULE_SIZE_LIMIT);
        }
        return Verdict.ALLOWED;
    }

    /** Layer 2: scans {@code content} for secrets; the first detector that hits wins. */
    public Verdict checkContent(String relPath, byte[] content) {
        Objects.requireNonNull(relPath, "relPath");
        Objects.requireNonNull(content, "content");
        return scanner.firstHit(content)
                .<Verdict>map(name -> new Verdict.Blocked(CONTENT_PREFIX + name))
                .orElse(Verdict.ALLOWED);
    }

    /** {@link #checkPath} first, then {@link #checkContent} when {@code contentOrNull} is given. */
    public Verdict check(String relPath, boolean symlink, long size, byte[] contentOrNull) {
        Verdict path = checkPath(relPath, symlink, size);
        if (path.blocked() || contentOrNull == null) {
            return path;
        }
        return checkContent(relPath, contentOrNull);
    }

    /** The bundled denylist template's bytes: the {@code .gitignore} init writes, and the gate's floor. */
    public static byte[] template() {
        try (InputStream in = SecretGate.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new VaultException("bundled denylist missing from the classpath: " + TEMPLATE_RESOURCE
                        + "; the vault-model jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VaultException("cannot read bundled denylist " + TEMPLATE_RESOURCE, e);
        }
    }

    /** Loads the bundled template once, on first use. */
    private static final class Template {
        static final List<String> LINES = new String(template(), StandardCharsets.UTF_8).lines().toList();
    }
}
