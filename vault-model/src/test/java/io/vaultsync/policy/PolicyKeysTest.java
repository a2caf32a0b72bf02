package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.PolicyException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's signing keys: strict OpenSSH ed25519 lines, errors naming file, line and key, never a secret. */
class PolicyKeysTest {

    private static final String FILE = ".vaultsync/policy.yaml";
    static final String KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL2ihgOCyhz8OjkFalqhByDc3J+WYpZyxTsgTKcSAqBa test@a";
    static final String KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJrphb0ZjuG8T+VQVchuD7p6YaT8NrzxwAXEehVMpKfp";
    private static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCvUTtZe+YicEGfnyaNasOJdcC3lS3m8HoZnhhM root@vm";
    /** The body of a pasted private key; built here so no key block sits in the sources. */
    private static final String PRIVATE_BODY = Base64.getEncoder().encodeToString(
            "openssh-key-v1\0\0\0\0nonenonesecretsecretsecret".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final String PRIVATE = "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n" + PRIVATE_BODY
            + "\n-----END OPENSSH " + "PRIVATE KEY-----\n";

    private static String policy(String localKeys) {
        return """
                version: 1
                agents:
                  - name: cloud_agent
                    role: cloud
                  - name: local_agent
                    role: local
                """ + localKeys;
    }

    @Test
    void keysAndSignaturesFromRoundTripThroughRenderAndParse() {
        Policy base = Policy.defaults("cloud_agent", "local_agent");
        AgentSpec local = base.agent("local_agent").orElseThrow().withKeys(List.of(KEY_A), List.of(KEY_B));
        Policy policy = base.withAgent(local).withSignaturesFrom(Optional.of("0123456789abcdef0123456789abcdef01234567"));

        String text = PolicyLoader.render(policy);

        assertThat(PolicyLoader.parse(text, FILE)).isEqualTo(policy);
        assertThat(text).contains("    signing_keys:\n      - \"" + KEY_A + "\"\n", "signatures_from: \"0123456789abcdef");
    }

    @Test
    void oldPoliciesAndConstructorsHaveNoKeys() {
        Policy p = PolicyLoader.parse(policy(""), FILE);

        assertThat(p.signaturesFrom()).isEmpty();
        assertThat(p.hasSigningKeys()).isFalse();
        assertThat(p.agents()).allSatisfy(a -> assertThat(a.signingKeys()).isEmpty());
        assertThat(new AgentSpec("x", Role.CLOUD, List.of()).revokedKeys()).isEmpty();
        assertThat(PolicyLoader.render(p)).doesNotContain("    signing_keys:").doesNotContain("\nsignatures_from:");
    }

    @Test
    void readsKeysInBlockAndFlowForm() {
        Policy p = PolicyLoader.parse(policy("""
                    signing_keys:
                      - %s
                    revoked_keys: ["%s"]
                """.formatted(KEY_A, KEY_B)), FILE);

        AgentSpec local = p.agent("local_agent").orElseThrow();
        assertThat(local.signingKeys()).containsExactly(KEY_A);
        assertThat(local.revokedKeys()).containsExactly(KEY_B);
        assertThat(local.signingKeyList().get(0).comment()).isEqualTo("test@a");
        assertThat(p.hasSigningKeys()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            rsa key                | `signing_keys: ["ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCvUTtZe root@vm"]` | 7 | key 'signing_keys[0]': only ssh-ed25519 keys are accepted (got 'ssh-rsa') (in agents[1])
            ecdsa key              | `signing_keys: ["ecdsa-sha2-nistp256 AAAAE2VjZHNh"]` | 7 | only ssh-ed25519 keys are accepted (got 'ecdsa-sha2-nistp256')
            type only              | `signing_keys: ["ssh-ed25519"]` | 7 | ssh-ed25519 without the key itself
            not base64             | `signing_keys: ["ssh-ed25519 AAAA!!!!"]` | 7 | key 'signing_keys[0]': the key is not valid base64
            truncated              | `signing_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL2ihgOCyhz8"]` | 7 | the key is not an ssh-ed25519 public key (damaged or truncated)
            rsa blob named ed25519 | `signing_keys: ["ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQCvUTtZe+YicEGf"]` | 7 | the key is not an ssh-ed25519 public key
            empty entry            | `signing_keys: [""]` | 7 | key 'signing_keys[0]': empty key
            not a list             | `signing_keys: 5` | 7 | signing_keys
            revoked bad            | `revoked_keys: ["ssh-dss AAAAB3NzaC1kc3M"]` | 7 | key 'revoked_keys[0]': only ssh-ed25519 keys are accepted (got 'ssh-dss')
            bad signatures_from    | `signatures_from: abc` | 7 | key 'signatures_from': not a full commit id
            """)
    void refusesBadKeyLinesNamingFileLineAndKey(String name, String yaml, int line, String message) {
        String text = name.equals("bad signatures_from") ? policy("") + yaml + "\n" : policy("    " + yaml + "\n");

        assertThatThrownBy(() -> PolicyLoader.parse(text, FILE))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(FILE + ":" + line + ":")
                .hasMessageContaining(message);
    }

    @Test
    void refusesAKeyListedTwiceOrBothListedAndRevoked() {
        assertThatThrownBy(() -> PolicyLoader.parse(policy("    signing_keys: [\"%s\", \"%s x\"]\n"
                .formatted(KEY_B, KEY_B)), FILE)).isInstanceOf(PolicyException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> PolicyLoader.parse(policy("    signing_keys: [\"%s\"]\n    revoked_keys: [\"%s\"]\n"
                .formatted(KEY_B, KEY_B)), FILE)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(FILE + ":7:").hasMessageContaining("both listed and revoked");
    }

    @Test
    void refusesAPastedPrivateKeyWithoutEchoingIt() {
        String blockScalar = policy("    signing_keys:\n      - |\n" + PRIVATE.indent(8));
        String quoted = policy("    signing_keys: [\"" + PRIVATE.replace("\n", "\\n") + "\"]\n");
        String bodyOnly = policy("    signing_keys: [\"ssh-ed25519 " + PRIVATE_BODY + "\"]\n");

        for (String text : List.of(blockScalar, quoted, bodyOnly)) {
            assertThatThrownBy(() -> PolicyLoader.parse(text, FILE))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("PRIVATE key")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PRIVATE_BODY.substring(0, 12))
                            .doesNotContain("secret"));
        }
    }

    @Test
    void aPrivateKeyPastedAsBareLinesIsMalformedYamlAndNotEchoed() {
        String text = policy("    signing_keys:\n      - " + PRIVATE.replace("\n", "\n        "));

        assertThatThrownBy(() -> PolicyLoader.parse(text, FILE))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PRIVATE_BODY.substring(0, 12)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL2ihgOCyhz8OjkFalqhByDc3J+WYpZyxTsgTKcSAqBa test@a | test@a
            ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL2ihgOCyhz8OjkFalqhByDc3J+WYpZyxTsgTKcSAqBa        |
            ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL2ihgOCyhz8OjkFalqhByDc3J+WYpZyxTsgTKcSAqBa a b c  | a b c
            """)
    void parsesAKeyLineAndItsComment(String line, String comment) {
        SshPublicKey key = SshPublicKey.parse(line);

        assertThat(key.comment()).isEqualTo(comment == null ? "" : comment);
        assertThat(key.rawKey()).hasSize(32);
        assertThat(key.sameKey(SshPublicKey.parse(KEY_A))).isTrue();
        assertThat(key.sameKey(SshPublicKey.parse(KEY_B))).isFalse();
    }
}
