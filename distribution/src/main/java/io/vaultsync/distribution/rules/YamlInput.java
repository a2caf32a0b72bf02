package io.vaultsync.distribution.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import io.vaultsync.policy.YamlErrors;

/**
 * Strict reading of the rules and the registry: unknown keys, duplicate keys, wrong types and bad values are
 * errors of one line, {@code file:line: what (in where)}, worded by vault-model's {@link YamlErrors} as the
 * policy's are.
 */
public final class YamlInput {
    private YamlInput() {
    }

    /** The largest rules or registry file read (1 MiB): a bigger one is refused, not parsed. */
    public static final int MAX_CHARS = 1 << 20;

    /** Reads {@code text} (named {@code file} in errors) as a {@code type}; a bad document throws. */
    public static <T> T read(String file, String text, Class<T> type) {
        if (text.length() > MAX_CHARS) {
            throw new DistributionException(file + ": " + text.length() + " characters, more than a rules or registry file may hold ("
                    + MAX_CHARS + ")");
        }
        ObjectReader reader = Mappers.YAML.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            T value = reader.readValue(text);
            if (value == null) {
                throw new DistributionException(file + ":1: the file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new DistributionException(message(file, text, e), e);
        }
    }

    static String message(String file, String text, JsonProcessingException e) {
        // a record's missing required key (its compact constructor names it): said with the key's full path
        if (e instanceof ValueInstantiationException v && e.getCause() != null) {
            String named = namedKey(e.getCause().getMessage());
            if (named != null) {
                String key = YamlErrors.render(v.getPath());
                int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
                return YamlErrors.at(file, line, "missing required key '" + (key.isEmpty() ? named : key + "." + named) + "'");
            }
        }
        return YamlErrors.message(file, text, e, "a rules or registry file");
    }

    private static String namedKey(String message) {
        if (message == null || !message.startsWith("missing required key '")) {
            return null;
        }
        return message.substring("missing required key '".length(), message.length() - 1);
    }
}
