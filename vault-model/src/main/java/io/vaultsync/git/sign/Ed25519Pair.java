package io.vaultsync.git.sign;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ed25519 key pair in OpenSSH's private key format ({@code openssh-key-v1}, unencrypted), read, written and
 * used with the JDK's own Ed25519 (Java 15 and newer): signing a commit loads no third-party cryptography, which
 * cost a short command most of a second. The seed never leaves this class except into the JDK's signer, and
 * no error quotes the file.
 */
final class Ed25519Pair {
    static final String TYPE = "ssh-ed25519";
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private final byte[] publicKey;
    private final byte[] seed;

    private Ed25519Pair(byte[] publicKey, byte[] seed) {
        this.publicKey = publicKey.clone();
        this.seed = seed.clone();
    }

    /** A key that cannot be used, and why, in words that never quote it. */
    static final class BadKey extends Exception {
        BadKey(String why) {
            super(why, null, false, false);
        }
    }

    /** A new pair from the JDK's generator. */
    static Ed25519Pair generate() throws GeneralSecurityException {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] seed = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElseThrow(() -> new GeneralSecurityException("no seed"));
        return new Ed25519Pair(encode((EdECPublicKey) kp.getPublic()), seed);
    }

    /** The pair in an OpenSSH private key file's bytes: exactly one unencrypted ed25519 key, consistent with itself. */
    static Ed25519Pair read(byte[] file) throws BadKey {
        String text = new String(file, StandardCharsets.US_ASCII).strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) throw new BadKey("not an OpenSSH private key");
        byte[] body;
        try {
            body = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
        } catch (IllegalArgumentException e) {
            throw new BadKey("not an OpenSSH private key (bad base64)");
        }
        SshWire.Reader in = new SshWire.Reader(body);
        if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) throw new BadKey("not an OpenSSH private key");
        if (!in.text().equals("none") || !in.text().equals("none") || in.string().length != 0) {
            throw new BadKey("the key is encrypted (a passphrase): give an unencrypted one");
        }
        if (in.uint32() != 1) throw new BadKey("expected exactly one private key in the file");
        byte[] pub = publicOf(in.string());
        SshWire.Reader secret = new SshWire.Reader(in.string());
        if (secret.uint32() != secret.uint32()) throw new BadKey("the key's check numbers differ (damaged)");
        if (!secret.text().equals(TYPE)) throw new BadKey("only ed25519 keys are used for signing");
        byte[] pub2 = secret.string();
        byte[] both = secret.string();
        if (!Arrays.equals(pub, pub2) || both.length != 64 || !Arrays.equals(Arrays.copyOfRange(both, 32, 64), pub)) {
            throw new BadKey("the key's public and private halves differ (damaged)");
        }
        Ed25519Pair pair = new Ed25519Pair(pub, Arrays.copyOf(both, 32));
        pair.check();
        return pair;
    }

    private static byte[] publicOf(byte[] blob) throws BadKey {
        SshWire.Reader b = new SshWire.Reader(blob);
        if (!b.text().equals(TYPE)) throw new BadKey("only ed25519 keys are used for signing");
        byte[] pub = b.string();
        if (pub.length != 32 || !b.atEnd()) throw new BadKey("a damaged ed25519 public key");
        return pub;
    }

    /** The private half makes signatures the public half verifies (a damaged seed would sign for no listed key). */
    private void check() throws BadKey {
        try {
            byte[] probe = "vaultsync key check".getBytes(StandardCharsets.US_ASCII);
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.EdECPublicKeySpec(
                    NamedParameterSpec.ED25519, decodePoint(publicKey))));
            v.update(probe);
            if (!v.verify(sign(probe))) throw new BadKey("the key's private half does not match its public half");
        } catch (GeneralSecurityException e) {
            throw new BadKey("the key cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The Ed25519 signature of {@code data}. */
    byte[] sign(byte[] data) throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /** The public key in SSH wire form ({@code string "ssh-ed25519", string key}). */
    byte[] publicBlob() {
        return new SshWire.Writer().text(TYPE).string(publicKey).bytes();
    }

    /** The public key as an {@code authorized_keys} / allowed-signers line: type and base64, no comment. */
    String publicLine() {
        return TYPE + " " + Base64.getEncoder().encodeToString(publicBlob());
    }

    /** The OpenSSH private key file, as ssh-keygen writes one without a passphrase. */
    byte[] toOpenSsh(String comment) {
        int check = new SecureRandom().nextInt();
        byte[] both = Arrays.copyOf(seed, 64);
        System.arraycopy(publicKey, 0, both, 32, 32);
        SshWire.Writer secret = new SshWire.Writer().uint32(check).uint32(check).text(TYPE).string(publicKey)
                .string(both).text(comment);
        for (int pad = 1; secret.size() % 8 != 0; pad++) secret.raw(new byte[] {(byte) pad});
        Arrays.fill(both, (byte) 0);
        byte[] body = new SshWire.Writer().raw(MAGIC).text("none").text("none").string(new byte[0]).uint32(1)
                .string(publicBlob()).string(secret.bytes()).bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
        String b64 = Base64.getEncoder().encodeToString(body);
        for (int i = 0; i < b64.length(); i += 70) {
            out.writeBytes((b64.substring(i, Math.min(b64.length(), i + 70)) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes((END + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** RFC 8032's encoding: y little-endian, the top bit the parity of x. */
    private static byte[] encode(EdECPublicKey key) {
        byte[] y = key.getPoint().getY().toByteArray(); // big-endian, maybe with a sign byte
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < y.length; i++) out[i] = y[y.length - 1 - i];
        if (key.getPoint().isXOdd()) out[31] |= (byte) 0x80;
        return out;
    }

    private static java.security.spec.EdECPoint decodePoint(byte[] encoded) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = encoded[31 - i];
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        return new java.security.spec.EdECPoint(xOdd, new BigInteger(1, be));
    }
}
