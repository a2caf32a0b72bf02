package io.vaultsync.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which version of the policy takes over: the owner's readable ones, and nobody else's. */
class PolicyTrustTest {
    static final Policy IN_FORCE = Policy.defaults("cloud_agent", "local_agent");
    static final String TEXT = PolicyLoader.render(IN_FORCE);

    @ParameterizedTest(name = "{0} writes {1} -> {2}")
    @CsvSource({
            "local_agent, a wider deny list, accept",
            "local_agent, the same bytes,    ignore: unchanged",
            "local_agent, unreadable yaml,   ignore: unreadable",
            "cloud_agent, a wider deny list, ignore: written by cloud_agent",
            ",            a wider deny list, ignore: written by a plain git user",
            "stranger,    a wider deny list, ignore: written by stranger"})
    void onlyTheOwnersReadableVersionTakesOver(String writer, String what, String expected) {
        String after = switch (what.strip()) {
            case "the same bytes" -> TEXT;
            case "unreadable yaml" -> TEXT.replace("agents:", "agentz:");
            default -> TEXT.replace("deny: []", "deny: [\"*.mine\"]");
        };
        PolicyTrust.Decision d = PolicyTrust.next(IN_FORCE, writer == null ? null : writer.strip(),
                TEXT.getBytes(StandardCharsets.UTF_8), after.getBytes(StandardCharsets.UTF_8));
        if (expected.equals("accept")) {
            assertThat(d).isInstanceOfSatisfying(PolicyTrust.Decision.Accept.class,
                    a -> assertThat(a.policy().gate().deny()).containsExactly("*.mine"));
        } else {
            assertThat(d).isInstanceOfSatisfying(PolicyTrust.Decision.Ignore.class,
                    i -> assertThat(i.why()).startsWith(expected.substring("ignore: ".length())));
        }
    }
}
