package io.vaultsync.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where {@code run --http} listens: {@code host:port}, {@code [v6]:port}, or a bare port (loopback). Port 0
 * asks the system for a free one. The endpoint has no authentication, so an address that is not loopback is
 * allowed only because it was written out, and {@link #exposed} says so for a warning.
 */
public record HttpAddress(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    public HttpAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("the HTTP address has no host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("the HTTP port must be between 0 and 65535");
    }

    /** Parses {@code 9410}, {@code 127.0.0.1:9410}, {@code localhost:0}, {@code [::1]:9410}, {@code 0.0.0.0:9410}. */
    public static HttpAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("the HTTP address is empty");
        int colon = t.lastIndexOf(':');
        if (colon < 0) return new HttpAddress(LOOPBACK, port(t, text));
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        else if (host.contains(":")) throw new IllegalArgumentException("'" + text + "': write an IPv6 address as [addr]:port");
        if (host.isEmpty()) throw new IllegalArgumentException("'" + text + "' has no host before the ':'");
        return new HttpAddress(host, port(t.substring(colon + 1), text));
    }

    private static int port(String digits, String whole) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
            throw new IllegalArgumentException("'" + whole + "' is not host:port or a port (e.g. 9410, 127.0.0.1:9410)");
        }
        int p = Integer.parseInt(digits);
        if (p > 65535) throw new IllegalArgumentException("'" + whole + "': a port is at most 65535");
        return p;
    }

    /** The socket address to bind; the host is resolved here (an unknown name is bad input). */
    public InetSocketAddress resolve() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "' in the HTTP address", e);
        }
    }

    /** Whether the endpoint would be reachable from other machines (the host is not a loopback address). */
    public boolean exposed() {
        return !resolve().getAddress().isLoopbackAddress();
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
