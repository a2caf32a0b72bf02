package io.vaultsync.git;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A path as git stores it: bytes. Agents only ever write UTF-8 names; a name in a tree that is not valid UTF-8
 * (written by someone else) is compared by its bytes and shown in a form that says so, never decoded into
 * another name (JGit falls back to Latin-1, which turns {@code pay<0xFF>.md} into the different, valid name
 * {@code payÿ.md}).
 */
public final class GitPath {
    private GitPath() {}

    /** {@code true} when the bytes are well-formed UTF-8. */
    public static boolean isUtf8(byte[] raw) {
        return decode(raw) != null;
    }

    /**
     * The name as a person reads it: the UTF-8 text when the bytes are UTF-8; otherwise the valid parts as
     * text and every byte that is not as {@code %XX} ({@code Approved/pay%FF.md}).
     */
    public static String display(byte[] raw) {
        String text = decode(raw);
        if (text != null) return text;
        StringBuilder out = new StringBuilder(raw.length + 8);
        int i = 0;
        while (i < raw.length) {
            int len = sequenceLength(raw, i);
            if (len > 0) {
                out.append(new String(raw, i, len, StandardCharsets.UTF_8));
                i += len;
            } else {
                out.append('%').append(String.format("%02X", raw[i] & 0xFF));
                i++;
            }
        }
        return out.toString();
    }

    private static String decode(byte[] raw) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The length of the well-formed UTF-8 sequence starting at {@code i}, or 0 when there is none. */
    private static int sequenceLength(byte[] raw, int i) {
        int b = raw[i] & 0xFF;
        int len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (len == 0 || i + len > raw.length) return 0;
        return decode(java.util.Arrays.copyOfRange(raw, i, i + len)) == null ? 0 : len;
    }
}
