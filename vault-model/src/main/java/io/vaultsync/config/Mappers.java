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
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one JSON mapper and the one YAML mapper of the tools, each configured here once: a {@link Duration}
 * is written and read in the short form of {@link Durations} (200ms, 30s, 5m), an {@link Instant} in
 * ISO-8601 as {@link Instant#toString()} writes it. Both are configured before
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
        SimpleModule times = new SimpleModule("vaultsync-times");
        asText(times, Duration.class, Durations::format, Durations::parse);
        asText(times, Instant.class, Instant::toString, Instant::parse);
        return m.registerModule(times);
    }

    /** Writes a {@code type} as the string {@code format} gives, reads it back with {@code parse}. */
    private static <T> void asText(SimpleModule module, Class<T> type, Function<T, String> format,
            Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(format.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        });
    }
}
