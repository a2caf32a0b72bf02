package io.vaultsync.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who a commit is held to: by the signature where the claimed agent lists keys, by name where it lists none. */
class JudgeTest {
    static final String CLOUD_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPJAwFkYWUWPHqVwzxWb+LQXWdYIYzLTRin3Dmhdccc6 cloud";
    static final String LOCAL_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFX5I0sNiS8p5VsCjDX0BZyNLk2UqHGDAqdSzZm+8zkH local";
    static final String OLD_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN8AGQw7ySffaSGmgH/dC2JGbNLnv4vDA8/Erioc2jUu old";
    static final KeyRing KEYS = KeyRing.of(Map.of("cloud_agent", List.of(CLOUD_KEY)), Map.of("cloud_agent", List.of(OLD_KEY)));
    static final KeyRing BOTH = KeyRing.of(Map.of("cloud_agent", List.of(CLOUD_KEY), "local_agent", List.of(LOCAL_KEY)), Map.of());

    @Test
    void fingerprintIsOpenSshsSha256Form() {
        assertThat(KeyRing.fingerprint(CLOUD_KEY)).isEqualTo("SHA256:tYIGa/9GDOnruRkewmaC7zdAeDbBF+a/nk8J0ZnBxuo"); // ssh-keygen -lf
        assertThat(KeyRing.fingerprint(CLOUD_KEY)).startsWith("SHA256:").doesNotEndWith("=").hasSize(7 + 43);
        assertThat(KeyRing.fingerprint(CLOUD_KEY)).isEqualTo(KeyRing.fingerprint(CLOUD_KEY.replace(" cloud", " other comment")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "listed,   SignedBy",
            "revoked,  RevokedKey",
            "unlisted, UnlistedKey",
            "bad,      BadSignature",
            "unsigned, Unsigned"})
    void eachSignatureHasItsOwnVerdict(String facts, String verdict) {
        SignatureFacts f = switch (facts) {
            case "listed" -> new SignatureFacts.Good(KeyRing.fingerprint(CLOUD_KEY));
            case "revoked" -> new SignatureFacts.Good(KeyRing.fingerprint(OLD_KEY));
            case "unlisted" -> new SignatureFacts.Good(KeyRing.fingerprint(LOCAL_KEY));
            case "bad" -> new SignatureFacts.Bad("Signature invalid");
            default -> new SignatureFacts.Unsigned();
        };
        Verdict v = Judge.judge(f, KEYS);
        assertThat(v.getClass().getSimpleName()).isEqualTo(verdict);
        if (v instanceof Verdict.SignedBy s) assertThat(s.agent()).isEqualTo("cloud_agent");
        if (v instanceof Verdict.RevokedKey r) assertThat(r.agent()).isEqualTo("cloud_agent");
    }

    @ParameterizedTest(name = "claims {0}, {1}, keys {2}, mustSign {3}, own {4} -> {5}")
    @CsvSource({
            // the signature decides for an agent with keys
            "cloud_agent, signed-cloud, both,  false, false, cloud_agent",
            "local_agent, signed-cloud, both,  false, false, cloud_agent",
            ",            signed-cloud, both,  false, false, cloud_agent",
            "cloud_agent, unsigned,     both,  false, false, -",
            "cloud_agent, unlisted,     both,  false, false, -",
            "cloud_agent, bad,          both,  false, false, -",
            // an agent with no keys is held to its name, as before signing
            "cloud_agent, unsigned,     none,  false, false, cloud_agent",
            "cloud_agent, unsigned,     none,  true,  false, -",
            // an agent whose every key was revoked proves nothing until it lists a new one
            "cloud_agent, unsigned,     revoked, false, false, -",
            ",            unsigned,     none,  false, false, -",
            // our own name: the journal is the proof, keys or not
            "local_agent, unsigned,     none,  false, true,  local_agent",
            "local_agent, unsigned,     none,  false, false, forgery",
            "local_agent, unlisted,     both,  false, false, forgery",
            "local_agent, signed-local, both,  false, false, local_agent"})
    void heldToTheProvenAgent(String claimed, String sig, String keys, boolean mustSign, boolean own, String expected) {
        KeyRing ring = switch (keys) {
            case "both" -> BOTH;
            case "revoked" -> KeyRing.of(Map.of(), Map.of("cloud_agent", List.of(OLD_KEY)));
            default -> KeyRing.EMPTY;
        };
        Verdict v = switch (sig) {
            case "signed-cloud" -> new Verdict.SignedBy("cloud_agent", KeyRing.fingerprint(CLOUD_KEY));
            case "signed-local" -> new Verdict.SignedBy("local_agent", KeyRing.fingerprint(LOCAL_KEY));
            case "unlisted" -> new Verdict.UnlistedKey(KeyRing.fingerprint(OLD_KEY));
            case "bad" -> new Verdict.BadSignature("Signature invalid");
            default -> new Verdict.Unsigned();
        };
        Judge.Held h = Judge.held(claimed, v, ring, mustSign, "local_agent", own);
        switch (expected) {
            case "-" -> assertThat(h.agent()).as(h.why()).isNull();
            case "forgery" -> {
                assertThat(h.agent()).isNull();
                assertThat(h.forgery()).isTrue();
                assertThat(h.why()).startsWith("forgery of local_agent's identity");
            }
            default -> assertThat(h.agent()).as(h.why()).isEqualTo(expected);
        }
        if (!expected.equals("forgery")) assertThat(h.forgery()).isFalse();
    }
}
