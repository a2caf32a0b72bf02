package io.vaultsync.distribution.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Strict reading of the rules and the registry: unknown keys, duplicate keys, wrong types and bad values are
 * errors of one line, {@code file:line: what (in where)}, in the shape of vault-model's policy errors.
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
        MarkedYAMLException syntax = syntax(e);
        if (syntax != null) {
            Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            return at(file, mark == null ? 0 : mark.getLine() + 1, "malformed YAML: "
                    + firstLine(syntax.getProblem() != null ? syntax.getProblem() : syntax.getContext()));
        }
        int line = line(e.getLocation());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field ")) {
            return at(file, line, "duplicate key " + firstLine(original.substring("Duplicate field ".length())));
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return at(file, line, "malformed YAML: " + firstLine(original));
        }
        List<JsonMappingException.Reference> path = mapping.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String where = render(path.subList(0, Math.max(0, path.size() - 1)));
            return at(file, keyLine(text, unknown.getPropertyName(), line), "unknown key '" + unknown.getPropertyName() + "'"
                    + (where.isEmpty() ? "" : " in " + where) + " (known: " + known(unknown.getKnownPropertyIds()) + ")");
        }
        String key = render(path);
        String subject = key.isEmpty() ? "the document" : "key '" + key + "'";
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return at(file, line, subject + ": '" + invalid.getValue() + "' is not one of " + enumWords(invalid.getTargetType()));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            String named = namedKey(e.getCause().getMessage());
            if (named != null) {
                String full = key.isEmpty() ? named : key + "." + named;
                return at(file, line, "missing required key '" + full + "'");
            }
            return at(file, line, subject + ": " + firstLine(e.getCause().getMessage()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return at(file, line, subject + ": expected " + expected(mismatch.getTargetType()) + got(e.getProcessor()));
        }
        return at(file, line, subject + ": " + firstLine(original));
    }

    private static String namedKey(String message) {
        if (message == null || !message.startsWith("missing required key '")) {
            return null;
        }
        return message.substring("missing required key '".length(), message.length() - 1);
    }

    private static int keyLine(String text, String key, int reported) {
        Pattern p = Pattern.compile("(?:^|[\\s{,-])['\"]?" + Pattern.quote(key) + "['\"]?\\s*:");
        String[] lines = text.split("\\R", -1);
        for (int i = Math.min(reported > 0 ? reported : lines.length, lines.length) - 1; i >= 0; i--) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return reported;
    }

    private static MarkedYAMLException syntax(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    static String at(String file, int line, String message) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private static String render(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String enumWords(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + enumWords(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }

    private static String got(Object processor) {
        if (!(processor instanceof JsonParser parser) || parser.currentToken() == null) {
            return "";
        }
        String what = switch (parser.currentToken()) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "a mapping";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "nothing";
            default -> null;
        };
        return what == null ? "" : ", got " + what;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "unreadable value";
        }
        String first = text.strip().lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
