package io.vaultsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code run --http ADDR}: what is accepted, where it binds, and what is refused with which message. */
class HttpAddressTest {
    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource({
        "9410, 127.0.0.1, 9410, false",
        "0, 127.0.0.1, 0, false",
        "' 9410 ', 127.0.0.1, 9410, false",
        "127.0.0.1:9410, 127.0.0.1, 9410, false",
        "localhost:0, localhost, 0, false",
        "[::1]:9410, ::1, 9410, false",
        "0.0.0.0:9410, 0.0.0.0, 9410, true",
    })
    void parsesAPortOrHostAndPortLoopbackUnlessWrittenOut(String text, String host, int port, boolean exposed) {
        HttpAddress a = HttpAddress.parse(text);
        assertThat(a.host()).isEqualTo(host);
        assertThat(a.port()).isEqualTo(port);
        assertThat(a.exposed()).isEqualTo(exposed);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "''              | empty",
        "http            | not host:port or a port",
        "127.0.0.1:      | not host:port or a port",
        ":9410           | has no host",
        "127.0.0.1:99999 | at most 65535",
        "127.0.0.1:-1    | not host:port or a port",
        "::1:9410        | [addr]:port",
        "host:12345678   | not host:port or a port",
    })
    void badAddressesAreRefusedWithAMessageThatSaysWhy(String text, String says) {
        assertThatThrownBy(() -> HttpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(says);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:9410, 127.0.0.1:9410", "9410, 127.0.0.1:9410", "[::1]:80, [::1]:80"})
    void printsAsItIsWritten(String text, String shown) {
        assertThat(HttpAddress.parse(text).toString()).isEqualTo(shown);
    }
}
