package io.vaultsync.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one JSON mapper and the one YAML mapper of the tools, each configured here once: a {@link Duration}
 * is written and read in the short form of {@link Durations} (200ms, 30s, 5m). Both are configured before
 * they are published and never reconfigured after, so they are safe to share between threads.
 */
public final class Mappers {
    /** JSON: the append-only ledgers, the state files, {@code --json} output. */
    public static final ObjectMapper JSON = configured(new ObjectMapper());
    /** YAML: the agent settings, the actions, the front matter of cards. */
    public static final ObjectMapper YAML = configured(new ObjectMapper(new YAMLFactory()));

    private Mappers() {}

    /** The value as indented JSON, as the {@code --json} options print it. */
    public static String prettyJson(Object value) throws JsonProcessingException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    /** Where in the document a value failed to bind, as {@code key} or {@code outer.inner}. */
    public static String keyPath(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** What was wrong with the value, when a value of ours refused it (a duration that is no duration). */
    public static Optional<String> badValue(JsonMappingException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) return Optional.ofNullable(t.getMessage());
        }
        return Optional.empty();
    }

    private static ObjectMapper configured(ObjectMapper m) {
        SimpleModule durations = new SimpleModule("vaultsync-durations");
        durations.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(Durations.format(d));
            }
        });
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Durations.parse(p.getValueAsString());
            }
        });
        return m.registerModule(durations);
    }
}
