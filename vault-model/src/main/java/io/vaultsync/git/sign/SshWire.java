package io.vaultsync.git.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** SSH's wire encoding (RFC 4251: {@code uint32}, {@code string}) for keys and signatures. */
final class SshWire {
    private SshWire() {}

    /** Reads from a byte array; running off its end is a {@link Ed25519Pair.BadKey}, never an index error. */
    static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        byte[] raw(int n) throws Ed25519Pair.BadKey {
            if (n < 0 || n > data.length - at) throw new Ed25519Pair.BadKey("a truncated or damaged key");
            byte[] out = Arrays.copyOfRange(data, at, at + n);
            at += n;
            return out;
        }

        int uint32() throws Ed25519Pair.BadKey {
            byte[] b = raw(4);
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }

        byte[] string() throws Ed25519Pair.BadKey {
            return raw(uint32());
        }

        String text() throws Ed25519Pair.BadKey {
            return new String(string(), StandardCharsets.US_ASCII);
        }

        boolean atEnd() {
            return at == data.length;
        }
    }

    /** Builds a byte array. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Writer uint32(int v) {
            return raw(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }

        Writer string(byte[] b) {
            return uint32(b.length).raw(b);
        }

        Writer text(String s) {
            return string(s.getBytes(StandardCharsets.UTF_8));
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
