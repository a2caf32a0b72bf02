package io.vaultsync.config;

import static io.vaultsync.config.Mappers.YAML;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link Actions} as {@code .git/vaultsync/actions.yaml}. A command is a YAML list (argv)
 * or a string split on whitespace; no shell is involved. A missing file means no commands. Errors name the
 * file and the key.
 */
public final class ActionsStore {
    private static final Set<String> KEYS = Set.of("handlers", "executors", "max_attempts", "retry_delay", "timeout");

    private ActionsStore() {}

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("actions.yaml");
    }

    public static Actions read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return Actions.NONE;
        JsonNode root;
        try {
            root = YAML.readTree(f.toFile());
        } catch (IOException e) {
            throw new VaultStateException("unreadable " + f + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) return Actions.NONE;
        if (!root.isObject()) throw bad(f, "(top level)", "expected a mapping");
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) throw bad(f, k, "unknown key (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
        try {
            return new Actions(commands(f, root, "handlers"), commands(f, root, "executors"),
                    root.has("max_attempts") ? integer(f, root.get("max_attempts")) : Actions.DEFAULT_MAX_ATTEMPTS,
                    duration(f, root, "retry_delay", Actions.DEFAULT_RETRY_DELAY),
                    duration(f, root, "timeout", Actions.DEFAULT_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new VaultStateException(f + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path gitDir, Actions a) {
        try {
            AtomicFiles.write(file(gitDir), ("# vaultsync commands on this machine (never synced)\n"
                    + "# handlers: task type -> command; the task's path and an output folder are appended\n"
                    + "# executors: domain -> command; the item's path and its idempotency key are appended\n"
                    + YAML.writeValueAsString(a).replaceFirst("^---\\n", "")).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VaultStateException("cannot write " + file(gitDir) + ": " + e.getMessage(), e);
        }
    }

    /** {@code NAME=COMMAND} from the command line: the name and the command split on whitespace. */
    public static Map.Entry<String, List<String>> parseAssignment(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) throw new IllegalArgumentException("expected NAME=COMMAND, got '" + text + "'");
        return Map.entry(text.substring(0, eq).trim(), split(text.substring(eq + 1)));
    }

    private static Map<String, List<String>> commands(Path f, JsonNode root, String key) {
        JsonNode n = root.get(key);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) throw bad(f, key, "expected a mapping of name to command");
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            JsonNode v = e.getValue();
            List<String> argv = new ArrayList<>();
            if (v.isTextual()) {
                argv.addAll(split(v.asText()));
            } else if (v.isArray()) {
                for (JsonNode a : v) {
                    if (!a.isValueNode() || a.isNull()) throw bad(f, key + "." + e.getKey(), "expected strings");
                    argv.add(a.asText());
                }
            } else {
                throw bad(f, key + "." + e.getKey(), "expected a command string or a list");
            }
            if (argv.isEmpty()) throw bad(f, key + "." + e.getKey(), "empty command");
            out.put(e.getKey(), argv);
        }
        return out;
    }

    private static int integer(Path f, JsonNode n) {
        if (!n.canConvertToInt() || !n.isIntegralNumber()) throw bad(f, "max_attempts", "expected a whole number");
        return n.intValue();
    }

    private static Duration duration(Path f, JsonNode root, String key, Duration dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return dflt;
        try {
            return Durations.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw bad(f, key, e.getMessage());
        }
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
    }

    private static VaultStateException bad(Path f, String key, String why) {
        return new VaultStateException(f + ": key '" + key + "': " + why);
    }
}
