package io.vaultsync.policy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One OpenSSH public key line as the policy lists it ({@code ssh-ed25519 AAAA... comment}). Only ed25519 is
 * accepted, parsed strictly: the base64 blob must decode to the {@code ssh-ed25519} type and a 32-byte key.
 * A private key pasted by mistake is refused with a message that never repeats any of its text.
 *
 * @param type    always {@code ssh-ed25519}
 * @param base64  the key blob as written (canonical base64, no line breaks)
 * @param comment the free text after the key, empty if none
 */
public record SshPublicKey(String type, String base64, String comment) {

    public static final String ED25519 = "ssh-ed25519";
    private static final Pattern COMMENT = Pattern.compile("[\\x20-\\x7e]{0,200}");
    private static final int ED25519_BLOB = 4 + ED25519.length() + 4 + 32;

    public SshPublicKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(base64, "base64");
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * Parses one line; an {@link IllegalArgumentException} says what is wrong without echoing key material
     * (only the key type of a key that is not ed25519 is named).
     */
    public static SshPublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("empty key (expected 'ssh-ed25519 AAAA... comment')");
        }
        if (looksPrivate(line)) {
            throw new IllegalArgumentException("this is a PRIVATE key: remove it from the file now and list the"
                    + " public half (the .pub file) instead; treat the private key as exposed and rotate it");
        }
        String trimmed = line.strip();
        if (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a key is one line (expected 'ssh-ed25519 AAAA... comment')");
        }
        String[] parts = trimmed.split("[ \\t]+", 3);
        String type = parts[0];
        if (!type.equals(ED25519)) {
            String shown = type.matches("[a-z0-9@.-]{1,40}") ? "'" + type + "'" : "an unknown type";
            throw new IllegalArgumentException("only ssh-ed25519 keys are accepted (got " + shown + ")");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("ssh-ed25519 without the key itself (expected 'ssh-ed25519 AAAA... comment')");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64", e);
        }
        if (!Base64.getEncoder().encodeToString(blob).equals(parts[1]) || !isEd25519Blob(blob)) {
            throw new IllegalArgumentException("the key is not an ssh-ed25519 public key (damaged or truncated)");
        }
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (!COMMENT.matcher(comment).matches()) {
            throw new IllegalArgumentException("the key's comment must be at most 200 printable ASCII characters");
        }
        return new SshPublicKey(type, parts[1], comment);
    }

    /** Whether a text holds something that looks like a private key (OpenSSH, PEM or PuTTY). */
    public static boolean looksPrivate(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.contains("PRIVATE KEY") || upper.contains("PRIVATE-LINES") || upper.contains("B3BLBNNZAC1RZXKTDJE");
    }

    /** The 32 raw bytes of the ed25519 key. */
    public byte[] rawKey() {
        byte[] blob = Base64.getDecoder().decode(base64);
        byte[] raw = new byte[32];
        System.arraycopy(blob, blob.length - 32, raw, 0, 32);
        return raw;
    }

    /** Same key, whatever the comment. */
    public boolean sameKey(SshPublicKey other) {
        return other != null && type.equals(other.type) && base64.equals(other.base64);
    }

    /** The line as the policy and an allowed-signers file write it. */
    public String line() {
        return comment.isEmpty() ? type + " " + base64 : type + " " + base64 + " " + comment;
    }

    /** The key without its comment: {@code ssh-ed25519 AAAA...}. */
    public String keyOnly() {
        return type + " " + base64;
    }

    @Override
    public String toString() {
        return line();
    }

    private static boolean isEd25519Blob(byte[] blob) {
        if (blob.length != ED25519_BLOB) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        int typeLength = in.getInt();
        if (typeLength != ED25519.length()) {
            return false;
        }
        byte[] type = new byte[typeLength];
        in.get(type);
        return new String(type, StandardCharsets.US_ASCII).equals(ED25519) && in.getInt() == 32;
    }
}
