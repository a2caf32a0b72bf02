package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vaultsync.fixtures.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The units in {@code scripts/systemd}: {@code Type=notify} with a watchdog, hardened, started through the
 * launchers, and accepted by {@code systemd-analyze verify} (skipped where the tool is absent) with not a single
 * warning. The launcher is not installed here, so verify sees a stub in its place; every other line is as shipped.
 */
class SystemdUnitsTest {
    static final Path UNITS = Path.of("..", "scripts", "systemd");
    static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path dir;

    static final List<String> REQUIRED = List.of("Type=notify", "NotifyAccess=main", "WatchdogSec=2min", "TimeoutStartSec=15min",
            "Environment=LANG=C.UTF-8", "Environment=MALLOC_ARENA_MAX=2", "KillMode=mixed", "Restart=always",
            "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectKernelTunables=yes",
            "ProtectKernelModules=yes", "ProtectKernelLogs=yes", "ProtectControlGroups=yes",
            "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "SystemCallFilter=@system-service", "LockPersonality=yes",
            "RestrictRealtime=yes", "RestrictSUIDSGID=yes");

    @ParameterizedTest
    @ValueSource(strings = {"vaultsync-cloud.service", "vaultsync-local.service"})
    void theUnitIsANotifyServiceWithAWatchdogHardenedAndStartedByTheLauncher(String name) throws Exception {
        List<String> lines = Files.readAllLines(UNITS.resolve(name)).stream().map(String::strip)
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).containsAll(REQUIRED);
        assertThat(lines).as("the JIT writes executable code").noneMatch(l -> l.startsWith("MemoryDenyWriteExecute"));
        assertThat(lines).anyMatch(l -> l.startsWith("MemoryMax="));
        String exec = lines.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("ExecStart=(\\S+/bin/(cloud|local)-agent) run --vault (\\S+)").matcher(exec);
        assertThat(m.matches()).as("started by the launcher, which carries the JVM flags: " + exec).isTrue();
        assertThat(exec).doesNotContain("java").doesNotContain("-X");
        assertThat(lines).as("the vault is writable").contains("ReadWritePaths=" + m.group(3));
        assertThat(lines).as("and the class-data archive").anyMatch(l -> l.matches("ReadWritePaths=-\\S+/\\.cache/vaultsync"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vaultsync-cloud.service", "vaultsync-local.service"})
    void systemdAnalyzeVerifyPassesWithoutAWarning(String name) throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze not found at " + ANALYZE + ": the units were not verified");
        Path stub = dir.resolve("launcher");
        Files.writeString(stub, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        String unit = Files.readString(UNITS.resolve(name)).replaceFirst("(?m)^ExecStart=\\S+", "ExecStart=" + stub);
        Path copy = dir.resolve(name);
        Files.writeString(copy, unit);
        boolean user = name.contains("local");
        ProcessBuilder pb = new ProcessBuilder(user ? List.of(ANALYZE.toString(), "verify", "--user", copy.toString())
                : List.of(ANALYZE.toString(), "verify", copy.toString()));
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = pb.environment();
        env.put("XDG_RUNTIME_DIR", runtime.toString()); // a user manager needs one, even to verify
        env.put("SYSTEMD_LOG_COLOR", "0");
        JavaProcess.Result r = JavaProcess.run(pb, "systemd-analyze", "verify", name);
        assertThat(r.all()).as("systemd-analyze verify " + name).isEmpty();
        assertThat(r.exitCode()).isZero();
    }
}
