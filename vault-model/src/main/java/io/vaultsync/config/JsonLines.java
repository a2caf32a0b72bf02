package io.vaultsync.config;

import static io.vaultsync.config.Mappers.JSON;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of JSON objects, one per line, each fsynced before {@link #append} returns. A line
 * cut short by a crash is skipped on reading, and the next append starts on a fresh line, so one torn
 * record never swallows the next. Appends from several threads of one agent (its workers run beside its
 * loop) take turns, so two lines never land on the same offset.
 */
public final class JsonLines {
    /** One append at a time in this JVM: each reads the end of its file before it writes there. */
    private static final Object APPENDING = new Object();

    private JsonLines() {}

    /** Appends {@code record} as Jackson writes it with {@link Mappers#JSON}, on one line. */
    public static void append(Path file, Object record) {
        synchronized (APPENDING) {
            appendNow(file, record);
        }
    }

    private static void appendNow(Path file, Object record) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long size = ch.size();
                ByteBuffer last = ByteBuffer.allocate(1);
                boolean torn = size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n';
                ch.position(size);
                if (torn) ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new VaultStateException("cannot record to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every whole record that is a {@code type}, oldest first; a missing file has none. A line cut short by a
     * crash is skipped, and so is one that is not a {@code type} (not a record this version wrote).
     */
    public static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = parse(line);
            if (n == null) continue;
            try {
                out.add(bind(n, type));
            } catch (IOException | RuntimeException unreadable) {
                // not a record this version wrote
            }
        }
        return out;
    }

    /** One line's JSON object, or null for a blank line or one cut short by a crash (its operation did not complete). */
    public static JsonNode parse(String line) {
        if (line.isBlank()) return null;
        try {
            JsonNode n = JSON.readTree(line);
            return n.isObject() ? n : null;
        } catch (IOException torn) {
            return null;
        }
    }

    /** One line's object as a {@code type}; keys it does not know are ignored (a newer version may add some). */
    public static <T> T bind(JsonNode object, Class<T> type) throws IOException {
        return JSON.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(object);
    }
}
