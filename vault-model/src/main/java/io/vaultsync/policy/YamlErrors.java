package io.vaultsync.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a Jackson exception into one line a user can act on: {@code file:line: what, where}. Never
 * includes Jackson's own multi-line message or stack trace. The policy's reader uses it, and so do the other
 * strict YAML inputs (the distribution tool's rules and registry), so every file says its errors alike.
 */
public final class YamlErrors {

    private YamlErrors() {
    }

    static String message(String file, String text, JsonProcessingException e) {
        return message(file, text, e, "the policy");
    }

    /**
     * One line for {@code e}, read from {@code text} (named {@code file}); {@code document} names what the file
     * is in the two messages about the whole file ("the policy": "the policy file is empty").
     */
    public static String message(String file, String text, JsonProcessingException e, String document) {
        MarkedYAMLException syntax = syntaxCause(e);
        if (syntax != null) {
            Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            String problem = syntax.getProblem() != null ? syntax.getProblem() : syntax.getContext();
            return at(file, mark == null ? 0 : mark.getLine() + 1, "malformed YAML: " + firstLine(problem));
        }
        int line = line(e.getLocation());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field ")) {
            return at(file, line, "duplicate key " + firstLine(original.substring("Duplicate field ".length())));
        }
        if (original.startsWith("Trailing token")) {
            return at(file, line, "more than one YAML document (" + document + " is a single document)");
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return at(file, line, "malformed YAML: " + firstLine(original));
        }
        List<JsonMappingException.Reference> path = mapping.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String where = render(path.subList(0, Math.max(0, path.size() - 1)));
            line = keyLine(text, unknown.getPropertyName(), line);
            return at(file, line, "unknown key '" + unknown.getPropertyName() + "'"
                    + (where.isEmpty() ? "" : " in " + where) + " (known: " + known(unknown.getKnownPropertyIds()) + ")");
        }
        String subject = subject(path);
        if (e instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            String value = "'" + invalid.getValue() + "'";
            String reason = invalid.getOriginalMessage();
            if (target != null && target.isEnum()) {
                return at(file, line, subject + ": " + value + " is not one of " + enumValues(target) + context(path));
            }
            if (reason != null && reason.startsWith("is ")) { // our own value checks, e.g. sizes
                return at(file, line, subject + ": " + value + " " + firstLine(reason) + context(path));
            }
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return at(file, line, subject + ": " + firstLine(e.getCause().getMessage()) + context(path));
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (path.isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content")) {
                return at(file, 1, document + " file is empty");
            }
            return at(file, line, subject + ": expected " + expected(mismatch.getTargetType())
                    + got(e.getProcessor()) + context(path));
        }
        return at(file, line, subject + ": " + firstLine(e.getOriginalMessage()) + context(path));
    }

    /**
     * Jackson reports an unknown key of a record after reading past it; the key itself is on the last line
     * at or before {@code reported} that has it as a key ({@code key:} in block or flow style).
     */
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

    private static MarkedYAMLException syntaxCause(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    /** {@code file:line: message}, or {@code file: message} without a line. */
    public static String at(String file, int line, String message) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    /** {@code key 'zones[2]'} for the last named key on the path, or {@code the document}. */
    private static String subject(List<JsonMappingException.Reference> path) {
        int named = lastNamed(path);
        return named < 0 ? "the document" : "key '" + render(path.subList(named, path.size())) + "'";
    }

    /** {@code  (in agents[1])} for the path above the last named key, empty at top level. */
    private static String context(List<JsonMappingException.Reference> path) {
        int named = lastNamed(path);
        String where = named <= 0 ? "" : render(path.subList(0, named));
        return where.isEmpty() ? "" : " (in " + where + ")";
    }

    private static int lastNamed(List<JsonMappingException.Reference> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return i;
            }
        }
        return -1;
    }

    /** {@code agents[1].zones} */
    /** A path of keys and indexes as a person writes it: {@code agents[1].zones[2]}. */
    public static String render(List<JsonMappingException.Reference> path) {
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

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static String got(Object processor) {
        if (!(processor instanceof JsonParser parser) || parser.currentToken() == null) {
            return "";
        }
        JsonToken token = parser.currentToken();
        String what = switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "a mapping";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
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
