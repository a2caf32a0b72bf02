package io.vaultsync.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://alice:pw@host/x.git|https://host/x.git",
            "https://ghp_0123456789abcdef@github.com/a/b.git|https://github.com/a/b.git",
            "http://u:p@127.0.0.1:8080/git/v.git|http://127.0.0.1:8080/git/v.git",
            "ssh://git@host:2222/srv/v.git|ssh://git@host:2222/srv/v.git",
            "ssh://git:pw@host/srv/v.git|ssh://git@host/srv/v.git",
            "git@github.com:you/vault.git|git@github.com:you/vault.git",
            "/srv/remote.git|/srv/remote.git",
            "fetch from https://a:b@h/p failed: https://a:b@h/p: not authorized|fetch from https://h/p failed: https://h/p: not authorized"})
    void credentialsLeaveUrlsAndTextsAddressesStay(String in, String out) {
        assertThat(Redact.text(in)).isEqualTo(out);
    }

    @Test
    void aPasswordInAnHttpsUrlIsSplitOffAndNeverPrinted() {
        UrlCredentials c = UrlCredentials.split("https://alice:p%40ss:w@127.0.0.1:8443/git/v.git");
        assertThat(c.url()).isEqualTo("https://127.0.0.1:8443/git/v.git");
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.password()).isEqualTo("p@ss:w");
        assertThat(c.toString()).doesNotContain("p@ss");
        assertThat(UrlCredentials.split("ssh://git@h/x.git").url()).isEqualTo("ssh://git@h/x.git");
        assertThat(UrlCredentials.split("ssh://git@h/x.git").hasPassword()).isFalse();
    }
}
