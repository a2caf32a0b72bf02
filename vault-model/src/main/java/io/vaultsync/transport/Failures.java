package io.vaultsync.transport;

import io.vaultsync.transport.SshSessions.HostKeyRefusal;
import io.vaultsync.transport.TransportFailure.Kind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Decides which {@link TransportFailure} an exception from a fetch, push or ls-remote is: a pure function
 * of the exception chain (classes and messages), the operation, the address, and the host key the SSH
 * layer refused, if it refused one. Every message is stripped of credentials.
 */
public final class Failures {
    /** What was being done when the transport failed. */
    public enum Op { FETCH, PUSH, LS_REMOTE, CLONE }

    private Failures() {}

    /** {@code host} is how the server is named in messages ({@code [host]:port} or {@code host}). */
    public static TransportFailure classify(Throwable e, Op op, String url, String host, boolean http,
            Optional<HostKeyRefusal> refusal) {
        String shown = Redact.url(url);
        String all = chain(e);
        // decided on the words only: a URL, a path or a port in the message must not read as "401" or "not found"
        String lower = scrub(all).toLowerCase(Locale.ROOT);
        String detail = Redact.text(oneLine(all));
        if (refusal.isPresent()) return hostKey(refusal.get());
        if (lower.contains("server key did not validate") || lower.contains("hostkey") && lower.contains("reject")
                || lower.contains("host key verification failed") || lower.contains("remote host identification has changed")) {
            return new TransportFailure(Kind.SERVER_UNTRUSTED, "the SSH host key of " + host + " was refused (" + detail + ")",
                    "add the server's key to ~/.ssh/known_hosts (ssh-keyscan, or run doctor to see it)");
        }
        if (has(e, "javax.net.ssl.SSLHandshakeException") || has(e, "java.security.cert.CertPathValidatorException")
                || lower.contains("pkix path") || lower.contains("unable to find valid certification path")
                || lower.contains("no subject alternative") || lower.contains("certificate")) {
            return new TransportFailure(Kind.SERVER_UNTRUSTED, "the TLS certificate of " + host + " is not trusted ("
                    + detail + ")", "give git the server's CA: git -C VAULT config http.sslCAInfo /path/to/ca.pem");
        }
        if (lower.contains("authentication failed") || lower.contains("no more authentication methods")
                || lower.contains("not authorized") || lower.contains("authentication is required")
                || lower.contains("no credentialsprovider") || lower.contains("permission denied (publickey")
                || lower.contains("auth fail") || code(lower, "401") || lower.contains("invalid credentials")
                || lower.contains("could not read username") || lower.contains("userauth")) {
            return new TransportFailure(Kind.AUTH_REFUSED, shown + " refused the credentials (" + detail + ")", http
                    ? "check the token or password (token_file / password_file in agent.yaml, git's credential store, ~/.netrc)"
                    : "check that the key (ssh_key in agent.yaml, else ~/.ssh/id_*) is registered with the server, and its passphrase");
        }
        if (e instanceof NoRemoteRepositoryException || has(e, NoRemoteRepositoryException.class.getName())
                || lower.contains("not found") || lower.contains("does not appear to be a git repository")
                || lower.contains("no such repository") || code(lower, "404")) {
            return new TransportFailure(Kind.NOT_FOUND, "no repository at " + shown + " (" + detail + ")",
                    "check the URL (remote in .git/vaultsync/agent.yaml) and that these credentials may see it");
        }
        if ((op == Op.PUSH && (lower.contains("not permitted") || lower.contains("permission") || lower.contains("denied")
                || lower.contains("read only") || lower.contains("read-only") || code(lower, "403")
                || lower.contains("forbidden") || lower.contains("protected branch")))
                || lower.contains("receive-pack not permitted")) {
            return new TransportFailure(Kind.PUSH_DENIED, shown + " does not let these credentials push (" + detail + ")",
                    "give the key or token write access (a deploy key with write access, a token with push rights)");
        }
        if (code(lower, "403") || lower.contains("forbidden")) {
            return new TransportFailure(Kind.AUTH_REFUSED, shown + " refused access (" + detail + ")",
                    "check that these credentials may read the repository");
        }
        return new TransportFailure(Kind.UNREACHABLE, "remote " + shown + " unreachable: " + detail,
                "local work is kept and sent when the server answers again");
    }

    /** A push the server itself turned down (a hook, a protected branch), not a lost race. */
    public static TransportFailure pushRefused(String url, String status, String message) {
        return new TransportFailure(Kind.PUSH_DENIED, Redact.url(url) + " refused the push (" + status
                + (message.isEmpty() ? "" : ": " + Redact.text(message)) + ")",
                "check the branch's protection rules and that these credentials may push to it");
    }

    static TransportFailure hostKey(HostKeyRefusal r) {
        if (r.changed()) {
            return new TransportFailure(Kind.SERVER_UNTRUSTED, "the SSH host key of " + r.host() + " has CHANGED: the server"
                    + " now shows " + r.fingerprint() + ", which is not the key in known_hosts (someone may be intercepting)",
                    "if the server's key was really replaced, remove the old line (ssh-keygen -R '" + r.host()
                            + "') and add the new one after checking its fingerprint");
        }
        return new TransportFailure(Kind.SERVER_UNTRUSTED, "the SSH host key of " + r.host() + " is unknown: "
                + r.fingerprint(), "check the fingerprint with the server's owner, then trust it: ssh-keyscan "
                + keyscanArgs(r.host()) + " >> ~/.ssh/known_hosts (or the known_hosts file of the agent settings)");
    }

    private static String keyscanArgs(String host) {
        if (host.startsWith("[") && host.contains("]:")) {
            int end = host.indexOf("]:");
            return "-p " + host.substring(end + 2) + " " + host.substring(1, end);
        }
        return host;
    }

    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S*");
    private static final Pattern SCP = Pattern.compile("\\S+@[^\\s:/]+:\\S*");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])/[^\\s'\"]*");

    /** The text without URLs and paths, which carry arbitrary names and digits. */
    static String scrub(String text) {
        String t = URL.matcher(text).replaceAll("<url>");
        t = SCP.matcher(t).replaceAll("<url>");
        return PATH.matcher(t).replaceAll("<path>");
    }

    /** An HTTP status code standing alone in the text. */
    private static boolean code(String text, String status) {
        return Pattern.compile("(?<![\\w.:-])" + status + "(?![\\w.-])").matcher(text).find();
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (b.length() > 0) b.append(" <- ");
            b.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (b.length() > 4000) break;
        }
        return b.toString();
    }

    private static boolean has(Throwable e, String className) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(className)) return true;
            }
        }
        return false;
    }

    static String oneLine(String m) {
        String s = m.replaceAll("\\s+", " ").trim();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
