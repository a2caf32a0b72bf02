package io.vaultsync.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.transport.Failures.Op;
import io.vaultsync.transport.SshSessions.HostKeyRefusal;
import io.vaultsync.transport.TransportFailure.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Which class a transport exception is: a table of the messages JGit, sshd and the JDK give. */
class FailuresTest {
    static final String SSH = "ssh://git@example.invalid:2222/srv/vault.git";
    static final String HTTPS = "https://alice:s3cret-pass@example.invalid/git/vault.git";

    static Stream<Arguments> table() throws Exception {
        URIish u = new URIish(SSH);
        return Stream.of(
                Arguments.of(new TransportException(u, "Connection refused", new ConnectException("Connection refused")), Op.FETCH, false, Kind.UNREACHABLE),
                Arguments.of(new TransportException(u, "timeout", new SocketTimeoutException("Read timed out")), Op.PUSH, false, Kind.UNREACHABLE),
                Arguments.of(new TransportException(u, "example.invalid", new UnknownHostException("example.invalid")), Op.FETCH, false, Kind.UNREACHABLE),
                Arguments.of(new TransportException(u, "Authentication failed"), Op.FETCH, false, Kind.AUTH_REFUSED),
                Arguments.of(new TransportException(u, "No more authentication methods available"), Op.LS_REMOTE, false, Kind.AUTH_REFUSED),
                Arguments.of(new TransportException(u, "Permission denied (publickey)."), Op.PUSH, false, Kind.AUTH_REFUSED),
                Arguments.of(new TransportException(u, "Server key did not validate"), Op.FETCH, false, Kind.SERVER_UNTRUSTED),
                Arguments.of(new TransportException(u, "Host key verification failed."), Op.FETCH, false, Kind.SERVER_UNTRUSTED),
                Arguments.of(new TransportException(u, "WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"), Op.FETCH, false, Kind.SERVER_UNTRUSTED),
                Arguments.of(new NoRemoteRepositoryException(u, "repository not found"), Op.FETCH, false, Kind.NOT_FOUND),
                Arguments.of(new TransportException(u, "'/srv/x.git' does not appear to be a git repository"), Op.FETCH, false, Kind.NOT_FOUND),
                Arguments.of(new TransportException(u, "remote: ERROR: The key you are authenticating with has been marked as read only."), Op.PUSH, false, Kind.PUSH_DENIED),
                Arguments.of(new TransportException(new URIish(HTTPS), "git-receive-pack not permitted on 'https://example.invalid/'"), Op.PUSH, true, Kind.PUSH_DENIED),
                Arguments.of(new TransportException(new URIish(HTTPS), "not authorized"), Op.FETCH, true, Kind.AUTH_REFUSED),
                Arguments.of(new TransportException(new URIish(HTTPS), "Authentication is required but no CredentialsProvider has been registered"), Op.FETCH, true, Kind.AUTH_REFUSED),
                Arguments.of(new TransportException(new URIish(HTTPS), "Secure connection could not be established",
                        new SSLHandshakeException("PKIX path building failed")), Op.FETCH, true, Kind.SERVER_UNTRUSTED),
                Arguments.of(new TransportException(new URIish(HTTPS), "403 Forbidden"), Op.FETCH, true, Kind.AUTH_REFUSED),
                Arguments.of(new TransportException(new URIish(HTTPS), "500 Internal Server Error"), Op.FETCH, true, Kind.UNREACHABLE),
                Arguments.of(new RuntimeException("boom"), Op.FETCH, false, Kind.UNREACHABLE));
    }

    @ParameterizedTest
    @MethodSource("table")
    void eachFailureFallsInItsClass(Exception e, Op op, boolean http, Kind kind) {
        TransportFailure f = Failures.classify(e, op, http ? HTTPS : SSH, "[example.invalid]:2222", http, Optional.empty());
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.describe()).doesNotContain("s3cret-pass").doesNotContain("alice");
        assertThat(f.fix()).isNotBlank();
    }

    @Test
    void aRefusedHostKeyNamesTheHostTheFingerprintAndHowToTrustIt() {
        var unknown = new HostKeyRefusal("[127.0.0.1]:2222", "SHA256:abc", false, 0);
        TransportFailure f = Failures.classify(new TransportException("Server key did not validate"), Op.FETCH, SSH,
                "[127.0.0.1]:2222", false, Optional.of(unknown));
        assertThat(f.kind()).isEqualTo(Kind.SERVER_UNTRUSTED);
        assertThat(f.message()).contains("[127.0.0.1]:2222").contains("SHA256:abc").contains("unknown");
        assertThat(f.fix()).contains("ssh-keyscan -p 2222 127.0.0.1");

        var changed = new HostKeyRefusal("[127.0.0.1]:2222", "SHA256:new", true, 0);
        TransportFailure c = Failures.classify(new TransportException("Server key did not validate"), Op.FETCH, SSH,
                "[127.0.0.1]:2222", false, Optional.of(changed));
        assertThat(c.message()).contains("CHANGED").contains("SHA256:new");
        assertThat(c.fix()).contains("ssh-keygen -R");
    }

    @Test
    void aPushTheServerRefusedIsDeniedAndItsMessageCarriesNoCredential() {
        TransportFailure f = Failures.pushRefused(HTTPS, "REJECTED_OTHER_REASON", "pre-receive hook declined for " + HTTPS);
        assertThat(f.kind()).isEqualTo(Kind.PUSH_DENIED);
        assertThat(f.describe()).contains("pre-receive hook declined").doesNotContain("s3cret-pass");
    }

    @Test
    void digitsAndWordsInTheAddressOrAPathDoNotDecideTheClass() throws Exception {
        String url = "ssh://root@127.0.0.1:40131/tmp/junit-1628401403404/certificates-not-found.git";
        var e = new TransportException(new URIish(url), "Connection refused", new ConnectException("Connection refused"));
        assertThat(Failures.classify(e, Op.FETCH, url, "[127.0.0.1]:40131", false, Optional.empty()).kind())
                .isEqualTo(Kind.UNREACHABLE);
        var local = new TransportException("/srv/401/forbidden-notes.git: Connection reset");
        assertThat(Failures.classify(local, Op.PUSH, "/srv/401/forbidden-notes.git", "x", false, Optional.empty()).kind())
                .isEqualTo(Kind.UNREACHABLE);
        assertThat(Failures.scrub("git@host:path/401.git and https://h:401/x and /tmp/404 stay: 401 Unauthorized"))
                .isEqualTo("<url> and <url> and <path> stay: 401 Unauthorized");
    }
}
