package io.vaultsync.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.local.LocalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real commands with the logging options: JSON lines, a log file rolled at its size limit, one line per event, -q/-v. */
class LogOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger ROOT = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private static final Logger SSHD = LoggerFactory.getLogger("org.apache.sshd");

    @TempDir
    Path dir;

    private static List<String> lines(Path logs) throws Exception {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) all.addAll(Files.readAllLines(f));
        }
        return all;
    }

    private CliRun syncWithChanges(Vaults v, int files, String... logArgs) throws Exception {
        for (int i = 0; i < files; i++) Files.writeString(v.local().resolve("Done/task-" + i + ".md"), "done " + i + "\n");
        List<String> args = new ArrayList<>(List.of("sync", "--vault", v.local().toString()));
        args.addAll(List.of(logArgs));
        return LocalCli.run(args.toArray(String[]::new));
    }

    @Test
    void jsonLogLinesEachParseAsOneObjectWithReadableValues() throws Exception {
        Vaults v = Vaults.create(dir.resolve("v"));
        Path logs = dir.resolve("logs");
        CliRun r = syncWithChanges(v, 3, "-v", "--log-format", "json", "--log-file", logs.resolve("agent.log").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = lines(logs);
        assertThat(lines).isNotEmpty();
        boolean cycle = false;
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            assertThat(o.isObject()).as(line).isTrue();
            assertThat(o.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            String message = o.path("formattedMessage").asText();
            assertThat(message).as("no record's own text").doesNotContainPattern("[A-Z][A-Za-z]+\\[[a-zA-Z]+=");
            if (message.matches("cycle \\S+: synced, pushed \\d+ commits?, pulled .*")) cycle = true;
        }
        assertThat(cycle).as("the cycle, in words: " + lines).isTrue();
    }

    @Test
    void theLogFileRollsAtItsSizeLimit() throws Exception {
        Vaults v = Vaults.create(dir.resolve("v"));
        Path logs = dir.resolve("logs");
        String file = logs.resolve("agent.log").toString();
        for (int round = 0; round < 6; round++) {
            CliRun r = syncWithChanges(v, 20, "-vv", "--log-file", file, "--log-max-size", "2KB");
            assertThat(r.code()).as(r.err()).isZero();
        }
        List<Path> rolled;
        try (Stream<Path> files = Files.list(logs)) {
            rolled = files.filter(f -> f.getFileName().toString().matches("agent\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log")).toList();
        }
        assertThat(rolled).as("rolled files in " + logs).isNotEmpty();
        assertThat(Files.size(logs.resolve("agent.log"))).isPositive();
        // rolled at about 2KB: at most one event (a few KB at trace level) beyond it, and, when threads log at
        // once (the scan's), up to an event short of it (Logback counts an event another thread is writing)
        for (Path f : rolled) {
            assertThat(Files.size(f)).as(f.toString()).isGreaterThanOrEqualTo(1024).isLessThan(2048 + 16384);
        }
    }

    @Test
    void eachEventIsOneLineOnTheOutputAndNoneInTheLogAtTheDefaultLevel() throws Exception {
        Vaults v = Vaults.create(dir.resolve("v"));
        Path logs = dir.resolve("logs");
        CliRun r = syncWithChanges(v, 1, "--log-file", logs.resolve("agent.log").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsOnlyOnce("synced, pushed ");
        assertThat(lines(logs)).noneMatch(l -> l.contains("synced") || l.contains("remoteHead="));
    }

    @Test
    void quietAndVerboseSetTheLevelsOfEachCommand() {
        String none = dir.resolve("no-vault").toString(); // each command fails (exit 6) after its logging is set
        LocalCli.run("run", "--vault", none);
        assertThat(ROOT.isInfoEnabled()).isTrue();
        assertThat(ROOT.isDebugEnabled()).isFalse();

        LocalCli.run("sync", "--vault", none, "-v");
        assertThat(ROOT.isDebugEnabled()).isTrue();
        assertThat(ROOT.isTraceEnabled()).isFalse();
        assertThat(SSHD.isDebugEnabled()).isTrue();

        LocalCli.run("-vv", "status", "--vault", none);
        assertThat(ROOT.isTraceEnabled()).isTrue();

        LocalCli.run("run", "-q", "--vault", none);
        assertThat(ROOT.isWarnEnabled()).isFalse();
        assertThat(ROOT.isErrorEnabled()).isTrue();

        LocalCli.run("status", "--vault", none);
        assertThat(ROOT.isWarnEnabled()).isTrue();
        assertThat(ROOT.isInfoEnabled()).isFalse();
        assertThat(SSHD.isWarnEnabled()).isFalse();
    }

    @Test
    void contradictoryOrBadLogOptionsAreAUsageError() {
        CliRun both = LocalCli.run("status", "--vault", dir.toString(), "-q", "-v");
        assertThat(both.code()).as(both.err()).isEqualTo(2);
        assertThat(both.err()).contains("-q/--quiet and -v/--verbose contradict each other");
        CliRun size = LocalCli.run("status", "--vault", dir.toString(), "--log-file", "x.log", "--log-max-size", "lots");
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err()).contains("--log-max-size: 'lots' is not a size");
    }
}
