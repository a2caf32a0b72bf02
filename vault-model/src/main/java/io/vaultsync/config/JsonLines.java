package io.vaultsync.config;

import static io.vaultsync.config.Mappers.JSON;

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
import java.util.Map;

/**
 * An append-only file of JSON objects, one per line, each fsynced before {@link #append} returns. A line
 * cut short by a crash is skipped on reading, and the next append starts on a fresh line, so one torn
 * record never swallows the next.
 */
public final class JsonLines {

    private JsonLines() {}

    public static void append(Path file, Map<String, ?> record) {
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

    /** Every whole record, oldest first; a missing file has none. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Map<String, Object> m = parse(line);
            if (m != null) out.add(m);
        }
        return out;
    }

    /** One line's record, or null for a blank line or one cut short by a crash (its operation did not complete). */
    public static Map<String, Object> parse(String line) {
        if (line.isBlank()) return null;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(line, Map.class);
            return m;
        } catch (IOException torn) {
            return null;
        }
    }
}
