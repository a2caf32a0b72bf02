package io.vaultsync.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The policy file as Jackson reads it: raw, nullable, line-aware values that {@link PolicyLoader} checks
 * and turns into a {@link Policy}. The mapper is strict: unknown keys, duplicate keys, numbers for strings
 * (and the reverse) and trailing documents are errors.
 */
final class PolicyYaml {

    /** Configured once, never reconfigured: ObjectMapper is thread-safe for reading. */
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                    DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Collection, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private PolicyYaml() {
    }

    record RawPolicy(Integer version, String branch, List<AgentEntry> agents, RawGate gate,
            @JsonProperty("signatures_from") String signaturesFrom) {
    }

    record RawAgent(String name, Role role, List<String> zones,
            @JsonProperty("signing_keys") List<String> signingKeys,
            @JsonProperty("revoked_keys") List<String> revokedKeys) {
    }

    /** An agent entry with the line it starts on, for messages about the entry as a whole. */
    @JsonDeserialize(using = AgentEntryDeserializer.class)
    record AgentEntry(RawAgent agent, int line) {
    }

    record RawGate(@JsonDeserialize(using = SizeDeserializer.class) Long maxFileSize, List<String> deny) {
    }

    static final class AgentEntryDeserializer extends StdDeserializer<AgentEntry> {
        private static final long serialVersionUID = 1L;

        AgentEntryDeserializer() {
            super(AgentEntry.class);
        }

        @Override
        public AgentEntry deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            return new AgentEntry(ctxt.readValue(p, RawAgent.class), line);
        }
    }

    /** A positive number of bytes, or a string such as {@code 5MB}, {@code 512KB}, {@code 1GiB}. */
    static final class SizeDeserializer extends StdDeserializer<Long> {
        private static final long serialVersionUID = 1L;
        static final String EXPECTED = "bytes, or a size like 512KB, 5MB, 1GB";

        SizeDeserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text;
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                text = p.getText();
            } else if (p.hasToken(JsonToken.VALUE_STRING)) {
                text = p.getText();
            } else {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            OptionalLong bytes = Sizes.parse(text);
            if (bytes.isEmpty()) {
                throw InvalidFormatException.from(p, "is not a size (" + EXPECTED + ")", text, Long.class);
            }
            if (bytes.getAsLong() <= 0) {
                throw InvalidFormatException.from(p, "is not a positive size", text, Long.class);
            }
            return bytes.getAsLong();
        }
    }
}
