package io.vaultsync.gate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The texts the content scan reads from a file's bytes. Always the bytes as ISO-8859-1, one char per
 * byte (how ASCII and UTF-8 text and binary files are read; a UTF-8 BOM is dropped). When the bytes
 * are UTF-16 or UTF-32, also the decoded text, so {@code p\0a\0s\0s\0...} is read as {@code pass...}.
 *
 * <p>Wide text is recognised by its byte-order mark, or without one by where its NUL bytes fall: the
 * high bytes of ASCII characters are NUL, so UTF-16LE text has NULs at odd offsets and almost none at
 * even ones (UTF-16BE the other way round), and UTF-32 has NULs in three of every four bytes. Random
 * or compressed bytes (images, archives) have NULs evenly spread, so they are read one char per byte only.
 */
final class TextDecoding {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** Share of NULs where the wide encoding puts them, at least. */
    private static final double NUL_WHERE_HIGH_BYTES = 0.30;
    /** Share of NULs where the wide encoding puts character bytes, at most. */
    private static final double NUL_WHERE_LOW_BYTES = 0.02;

    private TextDecoding() {
    }

    /** The texts to scan, in order: the bytes as ISO-8859-1, then the decoded wide text if there is one. */
    static List<String> texts(byte[] content) {
        boolean utf8Bom = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
        String bytes = utf8Bom ? new String(content, 3, content.length - 3, StandardCharsets.ISO_8859_1)
                : new String(content, StandardCharsets.ISO_8859_1);
        return wide(content).map(decoded -> List.of(bytes, decoded)).orElse(List.of(bytes));
    }

    /** The text of {@code b} if it is UTF-16 or UTF-32 (by BOM, else by the NUL pattern), without its BOM. */
    static Optional<String> wide(byte[] b) {
        Optional<Charset> bom = byBom(b);
        if (bom.isPresent()) {
            int skip = bom.get().equals(UTF_32BE) || bom.get().equals(UTF_32LE) ? 4 : 2;
            return Optional.of(new String(b, skip, b.length - skip, bom.get()));
        }
        return byNulPattern(b).map(cs -> new String(b, cs));
    }

    private static Optional<Charset> byBom(byte[] b) {
        int b0 = b.length > 0 ? b[0] & 0xFF : -1;
        int b1 = b.length > 1 ? b[1] & 0xFF : -1;
        if (b.length >= 4 && b0 == 0 && b1 == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return Optional.of(UTF_32BE);
        }
        if (b.length >= 4 && b0 == 0xFF && b1 == 0xFE && b[2] == 0 && b[3] == 0) {
            return Optional.of(UTF_32LE);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    /** One pass over the bytes, counting NULs by offset modulo 4. */
    private static Optional<Charset> byNulPattern(byte[] b) {
        if (b.length < 4) {
            return Optional.empty();
        }
        long[] nul = new long[4];
        long[] all = new long[4];
        for (int i = 0; i < b.length; i++) {
            all[i & 3]++;
            if (b[i] == 0) {
                nul[i & 3]++;
            }
        }
        double[] share = new double[4];
        for (int i = 0; i < 4; i++) {
            share[i] = (double) nul[i] / all[i];
        }
        if (high(share[2]) && high(share[3]) && low(share[0])) {
            return Optional.of(UTF_32LE);
        }
        if (high(share[0]) && high(share[1]) && low(share[3])) {
            return Optional.of(UTF_32BE);
        }
        double even = (double) (nul[0] + nul[2]) / (all[0] + all[2]);
        double odd = (double) (nul[1] + nul[3]) / (all[1] + all[3]);
        if (high(odd) && low(even)) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (high(even) && low(odd)) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    private static boolean high(double share) {
        return share >= NUL_WHERE_HIGH_BYTES;
    }

    private static boolean low(double share) {
        return share <= NUL_WHERE_LOW_BYTES;
    }
}
