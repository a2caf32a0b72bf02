package io.vaultsync.transport;

import java.util.Objects;

/**
 * Why a fetch, push or ls-remote did not reach its end: one of a few classes, each with a one-line message
 * (no credential in it) and what the person can do about it. A value, never the end of a daemon.
 */
public record TransportFailure(Kind kind, String message, String fix) {
    /** The classes of transport failure; each has its own exit code in the CLI. */
    public enum Kind {
        /** No answer, connection refused, DNS, time-out, a server error: retried, local work kept. */
        UNREACHABLE("offline"),
        /** The server refused the credentials (SSH key, password, token). */
        AUTH_REFUSED("authentication refused"),
        /** The server's SSH host key is unknown or changed, or its TLS certificate is not trusted. */
        SERVER_UNTRUSTED("server not trusted"),
        /** The server answered, but has no repository at that path (or hides it from these credentials). */
        NOT_FOUND("repository not found"),
        /** Fetching works but the server does not let these credentials push. */
        PUSH_DENIED("push not permitted");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A short lower-case label, as status shows it. */
        public String label() {
            return label;
        }
    }

    public TransportFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** Whether trying again later, unchanged, may succeed (only a network failure). */
    public boolean retryable() {
        return kind == Kind.UNREACHABLE;
    }

    /** Message and fix on one line. */
    public String describe() {
        return fix.isEmpty() ? message : message + "; " + fix;
    }
}
