package io.vaultsync.gate;

/** Layer 3 name hygiene: does a vault-relative path stay inside the vault, canonically? */
final class VaultPaths {

    private VaultPaths() {
    }

    /**
     * {@code true} for names the gate refuses as {@code path-escape}: empty, absolute ({@code /x}),
     * a drive ({@code C:}), any backslash, or an empty, {@code .} or {@code ..} segment ({@code a//b},
     * {@code ./x}, {@code a/../b}, trailing slash).
     */
    static boolean escapes(String relPath) {
        if (relPath.isEmpty() || relPath.charAt(0) == '/') {
            return true;
        }
        if (relPath.length() >= 2 && relPath.charAt(1) == ':' && isAsciiLetter(relPath.charAt(0))) {
            return true;
        }
        for (int i = 0; i < relPath.length(); i++) {
            char c = relPath.charAt(i);
            if (c == '\\') {
                return true;
            }
        }
        for (String segment : relPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code true} for names the gate refuses as {@code bad-name}: a control character (tab, newline, NUL,
     * ...) or bytes that are not UTF-8 (read as U+FFFD), which git would store as other bytes than the ones
     * shown and compared.
     */
    static boolean badName(String relPath) {
        for (int i = 0; i < relPath.length(); i++) {
            char c = relPath.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD') return true;
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
