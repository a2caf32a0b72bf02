package io.vaultsync.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.Mappers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlTextTest {

    /** Text that a hostile or unlucky writer can put in a path, a reason, a name. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "a: b", "say \"hi\"", "back\\slash", "line\nbreak", "cr\rlf", "tab\there",
        "bell\u0007", "del\u007f", "nel\u0085x", "ls\u2028x", "ps\u2029x", "bom\ufeffx", "ü und 日本", "true", "null",
        "- dash", "# hash", "'single'", ""})
    void aQuotedScalarReadsBackAsTheSameStringThroughTheMapperAndByHand(String s) throws Exception {
        JsonNode n = Mappers.YAML.readTree("k: " + YamlText.quote(s) + "\n");
        assertThat(n.get("k").asText()).isEqualTo(s);
        assertThat(YamlText.unquote(YamlText.quote(s))).isEqualTo(s);
        JsonNode plain = Mappers.YAML.readTree("k: " + YamlText.scalar(s) + "\n");
        assertThat(plain.get("k").asText()).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\xZZ\"", "\"\\uZZZZ\"", "\"\\u12\"", "\"\\x\"", "\"\\\""})
    void aBrokenEscapeInAFrontMatterValueIsReadAsTextNotAnError(String raw) {
        FrontMatter fm = new FrontMatter(List.of("owner"));
        byte[] file = ("---\nowner: " + raw + "\n---\nbody\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> v = fm.values(file);
        assertThat(v).containsKey("owner");
    }
}
