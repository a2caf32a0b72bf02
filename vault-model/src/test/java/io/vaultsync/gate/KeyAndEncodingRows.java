package io.vaultsync.gate;

import static io.vaultsync.gate.DetectorTable.armoured;
import static io.vaultsync.gate.DetectorTable.bytes;
import static io.vaultsync.gate.DetectorTable.content;
import static io.vaultsync.gate.DetectorTable.der;
import static io.vaultsync.gate.DetectorTable.encoded;
import static io.vaultsync.gate.DetectorTable.pemBody;
import static io.vaultsync.gate.DetectorTable.random;
import static io.vaultsync.gate.DetectorTable.randomBytes;

import io.vaultsync.gate.DetectorTable.Row;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

/** Key material (armoured, unarmoured, base64'd) and secrets in UTF-16/UTF-32 files. */
final class KeyAndEncodingRows {

    private static final String B64 = DetectorTable.ALNUM + "+/";

    private KeyAndEncodingRows() {
    }

    static List<Row> rows() {
        KeyPair rsa = generate("RSA", 2048);
        KeyPair ec = generate("EC", 256);
        KeyPair ed = generate("Ed25519", 255);
        // a certificate: SEQUENCE { SEQUENCE (tbsCertificate) { [0] version 3, serial ... } ... }
        byte[] certificate = der(780, 1, 0x30, 0x82, 0x03, 0x08, 0x30, 0x82, 0x01, 0xF0, 0xA0, 0x03, 0x02, 0x01, 0x02,
                0x02, 0x14);
        String pemKey = armoured("RSA " + "PRIVATE KEY", rsa.getPrivate().getEncoded());
        String pemCertificate = armoured("CERTIFICATE", certificate);
        String png = Base64.getEncoder().encodeToString(der(3000, 2, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A));
        Base64.Encoder mime = Base64.getMimeEncoder();
        String secret = "pass" + "word: kiwi!banana7\n";
        String innocent = "---\ntype: note\n---\nRéunion à 10h, mot de passe oublié ? Voir la page d'aide.\n";
        return List.of(
                content("private-key", "Here it is:\n" + pemKey, "Our certificate:\n" + pemCertificate,
                        "the armour line names a PRIVATE KEY; a certificate's does not"),
                content("private-key-body", "key:\n" + pemBody(rsa.getPrivate().getEncoded()),
                        "cert:\n" + pemBody(certificate),
                        "DER after MII: a key starts with version 0; a certificate with a SEQUENCE"),
                content("private-key-body", pemBody(ec.getPrivate().getEncoded()), pemBody(ec.getPublic().getEncoded()),
                        "an EC public key (SubjectPublicKeyInfo) names an algorithm, no version"),
                content("private-key-body", "ed25519: " + pemBody(ed.getPrivate().getEncoded()),
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + random(43, B64, 3) + " alice@laptop\n",
                        "a one-line PKCS#8 Ed25519 key; the public key line of ~/.ssh/*.pub passes"),
                content("private-key-body", pemBody(der(1310, 4, 0x30, 0x82, 0x05, 0x1A, 0x30, 0x4C, 0x06, 0x09, 0x2A,
                        0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D)), "In the chain:\n" + pemCertificate,
                        "encrypted PKCS#8 (PBES2) is still a key; MII inside a CERTIFICATE block is not"),
                content("private-key-body", pemBody(der(1190, 5, 0x30, 0x82, 0x04, 0xA3, 0x02, 0x01, 0x00, 0x02, 0x82,
                        0x01, 0x01, 0x00)), shaList(), "PKCS#1 RSA body; a list of git commit ids passes"),
                content("private-key-body", "b3BlbnNzaC1rZXktdjE" + "AAAAA" + pemBody(randomBytes(300, 6)),
                        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + random(300, B64, 7) + " bob@host\n",
                        "an OpenSSH private key body (openssh-key-v1); an ssh-rsa public key passes"),
                content("private-key-body", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC," + random(32, "0123456789ABCDEF", 8)
                        + "\n\n" + pemBody(randomBytes(1200, 9)), "The DEK-Info header names the cipher of a PEM key.",
                        "an encrypted PEM key whose BEGIN/END lines were cut off"),
                content("private-key-base64", "kubeconfig client-key-data: "
                                + Base64.getEncoder().encodeToString(pemKey.getBytes(StandardCharsets.US_ASCII)),
                        "The CA bundle, base64'd:\n" + mime.encodeToString(pemCertificate.getBytes(StandardCharsets.US_ASCII)),
                        "base64 of a whole PEM key (LS0tLS1CRUdJTi...), decoded: a certificate passes"),
                content("private-key-base64", mime.encodeToString(("key = \"" + pemKey).getBytes(StandardCharsets.US_ASCII)),
                        "![chart](data:image/png;base64," + png + ")\n",
                        "the PEM later in a base64 blob (MIME lines); an image in a data: URI passes"),
                bytes("github-token", "UTF-16LE with BOM", encoded("token " + "gh" + "p_" + random(36, 10),
                        StandardCharsets.UTF_16LE, 0xFF, 0xFE), encoded(innocent, StandardCharsets.UTF_16LE, 0xFF, 0xFE),
                        "PowerShell's Out-File writes UTF-16LE with a BOM"),
                bytes("github-token", "UTF-16BE with BOM", encoded("token " + "gh" + "p_" + random(36, 11),
                        StandardCharsets.UTF_16BE, 0xFE, 0xFF), encoded(innocent, StandardCharsets.UTF_16BE, 0xFE, 0xFF),
                        "the BOM tells the byte order"),
                bytes("password-assignment", "UTF-16LE without BOM", encoded(secret, StandardCharsets.UTF_16LE),
                        encoded(innocent, StandardCharsets.UTF_16LE), "NULs at odd offsets"),
                bytes("password-assignment", "UTF-16BE without BOM", encoded(secret, StandardCharsets.UTF_16BE),
                        encoded(innocent, StandardCharsets.UTF_16BE), "NULs at even offsets"),
                bytes("private-key", "UTF-32LE with BOM", encoded(pemKey, Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0, 0),
                        encoded(pemCertificate, Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0, 0), "UTF-32 little-endian"),
                bytes("aws-access-key-id", "UTF-32BE without BOM", encoded("id AK" + "IA" + random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 12),
                        Charset.forName("UTF-32BE")), encoded(innocent, Charset.forName("UTF-32BE")),
                        "NULs in three of every four bytes"),
                bytes("private-key", "binary with a PEM key", withKeyInside(randomBytes(4096, 13), pemKey),
                        withKeyInside(randomBytes(4096, 14), pemCertificate), "binary files are read byte by byte, as before"));
    }

    private static byte[] withKeyInside(byte[] blob, String pem) {
        byte[] key = pem.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(key, 0, blob, 1000, key.length);
        return blob;
    }

    private static String shaList() {
        StringBuilder b = new StringBuilder("Commits in this release:\n");
        for (int i = 0; i < 12; i++) {
            b.append(random(40, DetectorTable.HEX, 100 + i)).append('\n');
        }
        return b.toString();
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (!algorithm.equals("Ed25519")) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " keys are part of every JDK 17", e);
        }
    }
}
