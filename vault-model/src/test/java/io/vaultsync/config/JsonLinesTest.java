package io.vaultsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    @Test
    void aLineTornByACrashIsSkippedAndDoesNotSwallowTheNextRecord() throws Exception {
        Path f = dir.resolve("state/log.jsonl");
        JsonLines.append(f, Map.of("n", 1));
        Files.write(f, "{\"n\":2,\"ha".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND); // killed mid-write
        JsonLines.append(f, Map.of("n", 3));
        assertThat(JsonLines.read(f, Map.class)).containsExactly(Map.of("n", 1), Map.of("n", 3));
    }

    @Test
    void aMissingFileHasNoRecords() throws Exception {
        assertThat(JsonLines.read(dir.resolve("none.jsonl"), Map.class)).isEmpty();
    }
}
