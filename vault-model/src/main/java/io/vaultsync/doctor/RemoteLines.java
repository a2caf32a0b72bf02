package io.vaultsync.doctor;

import io.vaultsync.transport.TransportFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;

/**
 * How the remote's answers become {@code doctor} lines: a pure function of how the remote is reached, what
 * ls-remote saw (the branch head, or the classified failure) and what opening a push connection saw. The
 * failure's kind names the line that fails; the steps before it (the server answered, its key or certificate
 * was accepted) are reported ok, the steps after it are not reported.
 */
public final class RemoteLines {
    public static final String REACHABLE = "remote reachable";
    public static final String AUTHENTICATION = "authentication";
    public static final String HOST_KEY = "host key";
    public static final String TLS = "TLS certificate";
    public static final String REPOSITORY = "repository";
    public static final String PUSH = "push allowed";

    static final String UNREACHABLE_FIX = "is the server up? check the network, DNS, proxy and firewall between this"
            + " machine and the server";

    private RemoteLines() {}

    /** How the remote is reached: decides which trust line there is and what authentication means. */
    public enum Via {
        SSH, HTTPS, HTTP, LOCAL, OTHER;

        /** The same rule as {@code Remote.isSsh/isHttp}: scp-style and {@code ssh://} are SSH, a path is local. */
        public static Via of(URIish u) {
            if (u == null) return OTHER;
            String s = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if ("https".equals(s)) return HTTPS;
            if ("http".equals(s)) return HTTP;
            if (u.getHost() == null) return LOCAL;
            return s == null || s.contains("ssh") ? SSH : OTHER;
        }

        /** The name of the line that says whether the server is trusted, or null when nothing is verified. */
        public String trustLine() {
            return this == SSH ? HOST_KEY : this == HTTPS ? TLS : null;
        }
    }

    /**
     * The lines of the ls-remote check. {@code head} is the branch's commit on the remote (null: no such
     * branch yet), used when {@code failure} is empty.
     */
    public static List<Check> reach(Via via, String shownUrl, String branch, Optional<TransportFailure> failure,
            String head) {
        List<Check> out = new ArrayList<>();
        if (failure.isEmpty()) {
            out.add(Check.ok(REACHABLE, shownUrl + " answered"));
            out.add(Check.ok(AUTHENTICATION, authenticated(via)));
            trusted(via, out);
            out.add(head == null
                    ? Check.warn(REPOSITORY, "the remote has no branch " + branch + " yet",
                            "run init on this vault: it seeds an empty remote with the folders and the policy")
                    : Check.ok(REPOSITORY, "branch " + branch + " at " + head.substring(0, Math.min(10, head.length()))));
            return out;
        }
        TransportFailure f = failure.get();
        switch (f.kind()) {
            case UNREACHABLE -> out.add(Check.fail(REACHABLE, f.message(), UNREACHABLE_FIX));
            case SERVER_UNTRUSTED -> {
                out.add(Check.ok(REACHABLE, shownUrl + " answered"));
                String name = via.trustLine() != null ? via.trustLine()
                        : f.message().contains("TLS") ? TLS : HOST_KEY;
                out.add(Check.fail(name, f.message(), f.fix()));
            }
            case AUTH_REFUSED -> {
                out.add(Check.ok(REACHABLE, shownUrl + " answered"));
                trusted(via, out);
                out.add(Check.fail(AUTHENTICATION, f.message(), f.fix()));
            }
            case NOT_FOUND -> {
                if (via != Via.LOCAL) out.add(Check.ok(REACHABLE, shownUrl + " answered"));
                trusted(via, out);
                out.add(Check.fail(REPOSITORY, f.message(), via == Via.LOCAL
                        ? "the bare repository was moved or deleted: put it back, or point remote.origin.url"
                                + " and remote in .git/vaultsync/agent.yaml at its new place"
                        : f.fix()));
            }
            case PUSH_DENIED -> {
                out.add(Check.ok(REACHABLE, shownUrl + " answered"));
                out.add(Check.fail(PUSH, f.message(), f.fix()));
            }
        }
        return out;
    }

    /** The push check's line: ok, or the failure classified as a push. */
    public static Check push(Optional<TransportFailure> failure) {
        if (failure.isEmpty()) return Check.ok(PUSH, "the server opened a push connection (nothing was sent)");
        TransportFailure f = failure.get();
        return Check.fail(PUSH, f.message(), f.kind() == TransportFailure.Kind.UNREACHABLE ? UNREACHABLE_FIX : f.fix());
    }

    /** The push check when ls-remote did not get through: nothing to learn from trying. */
    public static Check pushNotChecked() {
        return Check.warn(PUSH, "not checked: remote not reachable", "fix the remote check that failed above first");
    }

    private static String authenticated(Via via) {
        return switch (via) {
            case SSH -> "the server accepted the SSH key";
            case HTTPS, HTTP -> "the server let these credentials (or none) read the repository";
            case LOCAL -> "none needed: a repository on this machine";
            case OTHER -> "none asked by the server";
        };
    }

    private static void trusted(Via via, List<Check> out) {
        if (via == Via.SSH) out.add(Check.ok(HOST_KEY, "the server's host key is a known one"));
        if (via == Via.HTTPS) out.add(Check.ok(TLS, "the server's certificate is trusted"));
    }
}
