package io.vaultsync.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;

/** Which CA file git would use for a URL. */
class CaTrustTest {
    @Test
    void theEnvironmentThenTheLongestMatchingUrlSectionThenTheGeneralKey() {
        Config c = new Config();
        c.setString("http", null, "sslCAInfo", "/general.pem");
        c.setString("http", "https://h/", "sslCAInfo", "/host.pem");
        c.setString("http", "https://h/git/", "sslCAInfo", "~/ca/git.pem");
        Path home = Path.of("/home/me");
        assertThat(CaTrust.caFile("https://h/git/v.git", c, Map.of(), home)).isEqualTo(Path.of("/home/me/ca/git.pem"));
        assertThat(CaTrust.caFile("https://h/other.git", c, Map.of(), home)).isEqualTo(Path.of("/host.pem"));
        assertThat(CaTrust.caFile("https://x/v.git", c, Map.of(), home)).isEqualTo(Path.of("/general.pem"));
        assertThat(CaTrust.caFile("https://x/v.git", c, Map.of("GIT_SSL_CAINFO", "/env.pem"), home)).isEqualTo(Path.of("/env.pem"));
        assertThat(CaTrust.caFile("https://x/v.git", new Config(), Map.of(), home)).isNull();
    }
}
