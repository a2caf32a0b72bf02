package io.vaultsync.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGateContentTest {

    private static final SecretGate GATE = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static Verdict scan(String text) {
        return GATE.checkContent("Needs_Action/t.md", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String rule(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Blocked.class);
        return ((Verdict.Blocked) verdict).rule();
    }

    private static String random(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RSA PRIVATE KEY       | content:private-key",
            "PRIVATE KEY           | content:private-key",
            "ENCRYPTED PRIVATE KEY | content:private-key",
            "OPENSSH PRIVATE KEY   | content:private-key",
            "DSA PRIVATE KEY       | content:private-key",
            "PGP PRIVATE KEY BLOCK | content:private-key",
    })
    void privateKeyBlocksAreFound(String kind, String expected) {
        assertThat(rule(scan("x\n-----" + "BEGIN " + kind + "-----\nMIIB\n"))).isEqualTo(expected);
    }

    @Test
    void publicKeysAndCertificatesInTextPass() {
        assertThat(scan("-----" + "BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void eachProviderTokenHasItsOwnRule() {
        assertThat(rule(scan("id ASIA" + "ABCDEFGHIJKLMNOP"))).isEqualTo("content:aws-access-key-id");
        assertThat(rule(scan("gh" + "s_" + random(36, 1)))).isEqualTo("content:github-token");
        assertThat(rule(scan("gl" + "pat-" + random(20, 2)))).isEqualTo("content:gitlab-token");
        assertThat(rule(scan("xo" + "xp-" + random(30, 3)))).isEqualTo("content:slack-token");
        assertThat(rule(scan("https://hooks.slack.com/services/" + "T0001/B0002/" + random(24, 4))))
                .isEqualTo("content:slack-webhook");
        assertThat(rule(scan("rk" + "_live_" + random(24, 5)))).isEqualTo("content:stripe-key");
        assertThat(rule(scan("GOC" + "SPX-" + random(28, 6)))).isEqualTo("content:google-oauth-secret");
        assertThat(rule(scan("key: sk" + "-" + random(48, 7)))).isEqualTo("content:openai-key");
        assertThat(rule(scan("np" + "m_" + random(36, 8)))).isEqualTo("content:npm-token");
        assertThat(rule(scan("S" + "G." + random(22, 9) + "." + random(43, 10)))).isEqualTo("content:sendgrid-key");
        assertThat(rule(scan("curl -H 'Authorization: Basic " + "dXNlcjpzM2NyZXQ=" + "'")))
                .isEqualTo("content:basic-auth");
        assertThat(rule(scan("token is bearer " + random(30, 11)))).isEqualTo("content:bearer-token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password=", "passwd: ", "pwd=", "secret: ", "api_key=", "API-KEY = ", "apikey:",
            "client_secret=", "access_token=", "refresh_token: ", "\"password\": \"", "**Password:** ",
            "db.password := "})
    void passwordAssignmentsAreFound(String assignment) {
        assertThat(rule(scan("config\n" + assignment + "kiwi!banana7\n"))).isEqualTo("content:password-assignment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<password>", "${DB_PASSWORD}", "{{ secrets.db }}", "$DB_PASS", "%DB_PASS%",
            "********", "xxxxxxxx", "changeme", "CHANGE_ME!", "your-password-here", "process.env.DB_PASSWORD",
            "os.environ['DB']", "placeholder", "undefined", "https://example.com/reset", "/home/alice/projects",
            "key_file.read()", "=other_password", ":device:path", "short"})
    void placeholdersAndOrdinaryValuesAreNotPasswords(String value) {
        assertThat(scan("password=" + value + "\npwd: " + value + "\n")).isEqualTo(Verdict.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Please send a password reset link.", "Password: see the vault item",
            "Passwords must be at least 12 characters long.", "cd $(pwd)", "The bearer of this note is Bob.",
            "Bearer authentication is described in RFC 6750.", "Authorization: Bearer <token>",
            "type: email", "secret: false", "max_tokens: 4096"})
    void proseAboutSecretsPasses(String text) {
        assertThat(scan(text)).isEqualTo(Verdict.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "api_token", "key", "signature", "X-Api-Sig", "session"})
    void highEntropyValuesInKeyValueFormAreFoundWhateverTheKey(String key) {
        assertThat(rule(scan(key + ": " + random(32, key.hashCode())))).isEqualTo("content:high-entropy");
        assertThat(rule(scan("{\"" + key + "\": \"" + random(40, key.hashCode() + 1) + "\"}")))
                .isEqualTo("content:high-entropy");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "commit: 9fceb02d0ae598e95dc970b74767f19372d61af8",
            "COMMIT=9FCEB02D0AE598E95DC970B74767F19372D61AF8",
            "id: 123e4567-e89b-12d3-a456-426614174000",
            "id: 123E4567-E89B-12D3-A456-426614174000",
            "source: Needs_Action/EMAIL_2024-05-01_invoice",
            "path: In_Progress/cloud_agent/TASK_20240501_1234",
            "signal: SIGNAL_2024-05-01T10-00-00Z_cloud",
            "class: MyVeryLongClassName2024",
            "file: AbCdEfGh1234IjKlMnOp5678.md",
            "link: https://docs.google.com/document/d/1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUv/edit",
            "message_id: <CAOdSh1BZ8k3nG4c=X6Z1xTUqR0mBZ8Y8_Z2bKbVn6fE-hPfRaQ@mail.gmail.com>",
            "from: AbCdEfGh1234IjKlMnOp5678@example.com",
            "value: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "created: 2024-05-01T09:14:00.123456789+02:00",
            "env: TOX_ENV=py27-oauth2client1"})
    void structuredIdentifiersAreNotHighEntropySecrets(String line) {
        assertThat(scan("---\n" + line + "\n---\n")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void binaryContentIsScannedToo() {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        byte[] key = ("-----" + "BEGIN OPENSSH PRIVATE KEY-----").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(key, 0, bytes, 1000, key.length);

        assertThat(rule(GATE.checkContent("Plans/blob.bin", bytes))).isEqualTo("content:private-key");
    }

    @Test
    void firstDetectorInOrderWins() {
        String text = "password = " + "gh" + "p_" + random(36, 12) + "\n-----" + "BEGIN PRIVATE KEY-----";

        assertThat(rule(scan(text))).isEqualTo("content:private-key");
    }

    @Test
    void checkSkipsContentWhenNoneIsGiven() {
        assertThat(GATE.check("Plans/a.md", false, 10, null)).isEqualTo(Verdict.ALLOWED);
        assertThat(rule(GATE.check("Plans/a.md", false, 10, ("AKIA" + "ABCDEFGHIJKLMNOP").getBytes())))
                .isEqualTo("content:aws-access-key-id");
    }

    @Test
    void detectorNamesAreListedInOrder() {
        assertThat(SecretGate.detectorNames()).startsWith("private-key").endsWith("password-assignment", "high-entropy")
                .doesNotHaveDuplicates();
    }

    @Test
    void aFullSizeFileIsScannedQuickly() {
        byte[] bytes = new byte[(int) SecretGate.DEFAULT_MAX_FILE_SIZE];
        new Random(7).nextBytes(bytes);
        long start = System.nanoTime();

        GATE.checkContent("Plans/blob.bin", bytes);

        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pwd=", "sk-", "eyJ", "key:", "a=b", "://u:", "bearer ", "1234567890:", "Authorization: Bearer ",
            "_sk-", "xoxb-", "-eyJ", "hf_", "github_pat_", "MII", "LS0tLS1CRUdJT", "password:\n", "pass: |\n",
            "| pwd |\n|---|\n", "| a | b |\n", "|---|\n", "password: a b c\n"})
    void repetitiveInputCannotMakeTheScanQuadratic(String unit) {
        String text = unit.repeat((1 << 20) / unit.length());
        long start = System.nanoTime();

        scan(text);

        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
    }
}
