package io.vaultsync.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vaultsync.doctor.Check.Level;
import io.vaultsync.doctor.RemoteLines.Via;
import io.vaultsync.transport.TransportFailure;
import io.vaultsync.transport.TransportFailure.Kind;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a remote's answer (or its classified failure) becomes doctor lines: the failure's kind names the failing line. */
class RemoteLinesTest {
    static final String URL = "git@git.example.org:team/vault.git";
    static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

    @ParameterizedTest(name = "{0} over {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "UNREACHABLE      | SSH   | remote reachable:FAIL",
        "UNREACHABLE      | HTTPS | remote reachable:FAIL",
        "UNREACHABLE      | LOCAL | remote reachable:FAIL",
        "AUTH_REFUSED     | SSH   | remote reachable:OK, host key:OK, authentication:FAIL",
        "AUTH_REFUSED     | HTTPS | remote reachable:OK, TLS certificate:OK, authentication:FAIL",
        "AUTH_REFUSED     | HTTP  | remote reachable:OK, authentication:FAIL",
        "SERVER_UNTRUSTED | SSH   | remote reachable:OK, host key:FAIL",
        "SERVER_UNTRUSTED | HTTPS | remote reachable:OK, TLS certificate:FAIL",
        "NOT_FOUND        | SSH   | remote reachable:OK, host key:OK, repository:FAIL",
        "NOT_FOUND        | HTTPS | remote reachable:OK, TLS certificate:OK, repository:FAIL",
        "NOT_FOUND        | LOCAL | repository:FAIL",
        "PUSH_DENIED      | SSH   | remote reachable:OK, push allowed:FAIL",
    })
    void theFailuresKindDecidesWhichLineFails(Kind kind, Via via, String expected) {
        TransportFailure f = new TransportFailure(kind, "the message", "the fix");
        List<Check> lines = RemoteLines.reach(via, URL, "main", Optional.of(f), null);

        assertThat(lines.stream().map(c -> c.name() + ":" + c.level()).toList()).containsExactly(expected.split(", "));
        Check failed = lines.get(lines.size() - 1);
        assertThat(failed.detail()).isEqualTo("the message");
        if (kind == Kind.UNREACHABLE) {
            assertThat(failed.fix()).isEqualTo(RemoteLines.UNREACHABLE_FIX);
        } else if (kind == Kind.NOT_FOUND && via == Via.LOCAL) {
            assertThat(failed.fix()).contains("moved or deleted");
        } else {
            assertThat(failed.fix()).isEqualTo("the fix");
        }
    }

    @Test
    void anUnknownHostKeyIsNamedWithItsFingerprintAndHowToTrustIt() {
        TransportFailure f = new TransportFailure(Kind.SERVER_UNTRUSTED,
                "the SSH host key of [git.example.org]:2222 is unknown: SHA256:AbCdEf0123456789",
                "check the fingerprint with the server's owner, then trust it: ssh-keyscan -p 2222 git.example.org >> ~/.ssh/known_hosts");
        Check c = RemoteLines.reach(Via.SSH, URL, "main", Optional.of(f), null).get(1);
        assertThat(c.name()).isEqualTo("host key");
        assertThat(c.level()).isEqualTo(Level.FAIL);
        assertThat(c.detail()).contains("[git.example.org]:2222", "SHA256:AbCdEf0123456789");
        assertThat(c.fix()).contains("ssh-keyscan -p 2222 git.example.org");
    }

    @ParameterizedTest(name = "{0} answered -> {1}")
    @CsvSource(delimiter = '|', value = {
        "SSH   | remote reachable:OK, authentication:OK, host key:OK, repository:OK",
        "HTTPS | remote reachable:OK, authentication:OK, TLS certificate:OK, repository:OK",
        "HTTP  | remote reachable:OK, authentication:OK, repository:OK",
        "LOCAL | remote reachable:OK, authentication:OK, repository:OK",
    })
    void aRemoteThatAnsweredIsOkOnEveryLine(Via via, String expected) {
        List<Check> lines = RemoteLines.reach(via, URL, "main", Optional.empty(), HEAD);
        assertThat(lines.stream().map(c -> c.name() + ":" + c.level()).toList()).containsExactly(expected.split(", "));
        assertThat(lines.get(lines.size() - 1).detail()).isEqualTo("branch main at 0123456789");
    }

    @Test
    void aRemoteWithoutTheBranchWarnsToRunInit() {
        Check repo = RemoteLines.reach(Via.SSH, URL, "main", Optional.empty(), null).get(3);
        assertThat(repo).extracting(Check::name, Check::level).containsExactly("repository", Level.WARN);
        assertThat(repo.fix()).contains("run init");
    }

    @Test
    void thePushLineIsOkFailedWithTheClassifiedFailureOrNotChecked() {
        assertThat(RemoteLines.push(Optional.empty()).level()).isEqualTo(Level.OK);
        Check denied = RemoteLines.push(Optional.of(new TransportFailure(Kind.PUSH_DENIED, "no push for you", "get write access")));
        assertThat(denied).extracting(Check::name, Check::level, Check::detail, Check::fix)
                .containsExactly("push allowed", Level.FAIL, "no push for you", "get write access");
        assertThat(RemoteLines.pushNotChecked()).extracting(Check::level, Check::detail)
                .containsExactly(Level.WARN, "not checked: remote not reachable");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "git@github.com:a/v.git,           SSH",
        "ssh://git@host:2222/v.git,        SSH",
        "https://host/v.git,               HTTPS",
        "http://host/v.git,                HTTP",
        "/srv/git/vault.git,               LOCAL",
        "file:///srv/git/vault.git,        LOCAL",
        "git://host/v.git,                 OTHER",
    })
    void howTheRemoteIsReached(String url, Via expected) throws URISyntaxException {
        assertThat(Via.of(new URIish(url))).isEqualTo(expected);
    }

    @Test
    void checksStripCredentialsFromWhatTheyQuote() {
        Check c = Check.fail("remote reachable", "remote https://bob:hunter2@host/v.git unreachable",
                "try https://x-access-token:ghp_abc@host/v.git");
        assertThat(c.detail() + c.fix()).doesNotContain("hunter2", "ghp_abc", "bob");
        assertThat(List.of(c)).extracting(Check::name, Check::level).containsExactly(tuple("remote reachable", Level.FAIL));
    }
}
