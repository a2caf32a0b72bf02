package io.vaultsync.gate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Private keys, armoured or not. {@link #ARMOURED} finds the {@code -----BEGIN ... PRIVATE KEY-----}
 * line and PuTTY's header. {@link #UNARMOURED} finds what is left when those lines are gone or the
 * whole file is base64'd:
 * <ul>
 *   <li>{@code private-key-body}: a base64 run whose first bytes are the DER of a private key: a
 *       SEQUENCE holding version 0, 1 or 3 and then the key's parts (PKCS#1, SEC1, PKCS#8, PKCS#12), or an
 *       algorithm that is password-based encryption (encrypted PKCS#8); an OpenSSH key body
 *       ({@code openssh-key-v1}); a {@code DEK-Info} line of an encrypted PEM key. A certificate
 *       (a SEQUENCE holding a SEQUENCE) and a public key (an algorithm that is not encryption) are not.</li>
 *   <li>{@code private-key-base64}: base64 of a PEM private key ({@code LS0tLS1CRUdJTi...} in any of the
 *       three alignments), decoded and checked, so base64 of a certificate passes.</li>
 * </ul>
 */
final class KeyMaterial {

    /** The armour's first line, on decoded base64. */
    private static final Pattern PRIVATE_BEGIN = Pattern.compile("BEGIN[ A-Z0-9]{0,40}PRIVATE KEY");

    private static final byte[] PKCS5_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x05};
    private static final byte[] PKCS12_PBE_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x0C,
            0x01};

    static final List<Detector> ARMOURED = List.of(
            Detector.of("private-key", "-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----",
                    List.of("-----begin"), Detector.ANY),
            Detector.of("private-key", "PuTTY-User-Key-File-[0-9]+:", List.of("putty-user-key-file-"), Detector.ANY));

    static final List<Detector> UNARMOURED = List.of(
            Detector.of("private-key-body", "M(?<![A-Za-z0-9+/=_-]M)[A-Za-z0-9+/]{23}", List.of(),
                    (t, m) -> isPrivateKeyDer(decode(t, m.start(), 24))),
            Detector.of("private-key-body", "b3BlbnNzaC1rZXktdjE", List.of("b3blbnnzac1rzxktdje"), Detector.ANY),
            Detector.of("private-key-body",
                    "DEK-Info:[ \\t]*+(?:AES-(?:128|192|256)-CBC|DES-EDE3-CBC|DES-CBC),[0-9A-Fa-f]{16,32}+",
                    List.of("dek-info:"), Detector.ANY),
            Detector.of("private-key-base64", "LS0t(?:LS1CRUdJT|QkVHSU4|LUJFR0lO)", List.of("ls0t"),
                    (t, m) -> PRIVATE_BEGIN.matcher(new String(decode(t, m.start(), 96), StandardCharsets.ISO_8859_1))
                            .find()));

    private KeyMaterial() {
    }

    /**
     * The bytes of up to {@code chars} base64 characters from {@code from}, skipping line breaks and
     * stopping at anything else; URL-safe characters count as their standard twins.
     */
    static byte[] decode(CharSequence text, int from, int chars) {
        StringBuilder b = new StringBuilder(chars);
        for (int i = from; i < text.length() && b.length() < chars; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == '-' || c == '_') {
                c = c == '-' ? '+' : '/';
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                break;
            }
            b.append(c);
        }
        b.setLength(b.length() - b.length() % 4);
        return Base64.getDecoder().decode(b.toString());
    }

    /**
     * {@code true} if {@code der} starts like a private key: {@code SEQUENCE} of at least 40 bytes, then
     * {@code INTEGER 0} and an {@code INTEGER}/{@code SEQUENCE} (PKCS#1 RSA, DSA, PKCS#8), {@code INTEGER 1}
     * and an {@code OCTET STRING}/{@code SEQUENCE} (SEC1 EC, PKCS#8 v2), {@code INTEGER 3} and a
     * {@code SEQUENCE} (PKCS#12), or a {@code SEQUENCE} naming PKCS#5/PKCS#12 password-based encryption
     * (encrypted PKCS#8).
     */
    static boolean isPrivateKeyDer(byte[] der) {
        if (der.length < 12 || der[0] != 0x30) {
            return false;
        }
        int len;
        int at;
        int b1 = der[1] & 0xFF;
        if (b1 < 0x80) {
            len = b1;
            at = 2;
        } else if (b1 == 0x81) {
            len = der[2] & 0xFF;
            at = 3;
        } else if (b1 == 0x82) {
            len = (der[2] & 0xFF) << 8 | der[3] & 0xFF;
            at = 4;
        } else {
            return false;
        }
        if (len < 40) {
            return false;
        }
        if (der[at] == 0x02 && der[at + 1] == 0x01) {
            byte version = der[at + 2];
            byte next = der[at + 3];
            return (version == 0 && (next == 0x02 || next == 0x30))
                    || (version == 1 && (next == 0x04 || next == 0x30))
                    || (version == 3 && next == 0x30);
        }
        // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID pbes2/pbe..., params }, OCTET STRING }
        int oid = der[at] == 0x30 && (der[at + 1] & 0xFF) < 0x80 ? at + 2 : (der[at] == 0x30 ? at + 3 : -1);
        return oid > 0 && oid + 2 < der.length && der[oid] == 0x06
                && (startsWith(der, oid + 2, PKCS5_OID) || startsWith(der, oid + 2, PKCS12_PBE_OID));
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        if (from + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
