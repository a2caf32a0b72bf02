package io.vaultsync.doctor;

import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.CliContext;
import io.vaultsync.cli.DoctorCommand;
import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.journal.Journal;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.TestVaults;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `doctor` on real clones of a bare remote on disk: passes on a healthy vault, names the failing check and its fix. */
class DoctorCommandTest {
    @TempDir
    Path root;
    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
        write(v.local(), "Done/report.md", "done\n");
        v.syncLocal();
        v.syncCloud();
    }

    @Test
    void aHealthyVaultPassesWithEveryCheckOkOrWarn() {
        CliRun r = doctor(v.local());

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(checkLines(r)).allMatch(l -> l.startsWith("ok    ") || l.startsWith("warn  "), "ok or warn");
        assertThat(r.out()).contains("ok    remote reachable: " + v.remote() + " answered",
                "ok    authentication: none needed", "ok    repository: branch main at ",
                "ok    push allowed: ", "ok    policy: .vaultsync/policy.yaml parses", "ok    journal: ",
                "warn  daemon: no daemon running on this vault; last sync ", "inotify watches: ", "disk: ", "locale: ",
                "ok    clock: not checked");
        assertThat(r.out().lines().toList()).last().asString().startsWith("doctor: ok, ");
        assertThat(names(r)).containsExactly("vault", "remote reachable", "authentication", "repository", "push allowed",
                "daemon", "policy", "journal", "inotify watches", "disk", "locale", "clock");
    }

    @Test
    void aRemoteThatIsGoneFailsTheRepositoryCheckWithItsFix() throws Exception {
        Files.move(v.remote(), root.resolve("elsewhere.git"));

        CliRun r = doctor(v.local());

        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(r.out()).containsPattern("(?m)^fail  (repository|remote reachable): .*" + v.remote().getFileName())
                .containsPattern("(?m)^      fix: \\S")
                .contains("warn  push allowed: not checked: remote not reachable")
                .contains("doctor: FAILED: ");
        assertThat(r.out()).contains("ok    policy: ", "ok    journal: "); // the other checks still ran
    }

    @Test
    void aPolicyVersionNotInForceIsAWarningNamingWhy() {
        Path policy = v.local().resolve(".vaultsync/policy.yaml");
        write(v.local(), ".vaultsync/policy.yaml", TestVaults.read(v.local(), ".vaultsync/policy.yaml") + "zonez: nope\n");
        CGit.run(v.local(), "add", ".vaultsync/policy.yaml");
        CGit.run(v.local(), "commit", "-qm", "break the policy");
        assertThat(policy).exists();

        CliRun r = doctor(v.local());

        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?m)^warn  policy: 1 version\\(s\\) of .vaultsync/policy.yaml on the branch are not in force")
                .contains("a plain git user");
    }

    @Test
    void aBrokenJournalFailsTheJournalCheck() throws Exception {
        Files.writeString(Journal.file(v.local().resolve(".git")), "not json\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);

        CliRun r = doctor(v.local());

        assertThat(r.code()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(r.out()).containsPattern("(?m)^fail  journal: record \\d+ is broken: not a journal record");
    }

    @Test
    void jsonHasEveryCheckAndTheVerdict() throws Exception {
        CliRun ok = doctor(v.cloud(), "--json");
        JsonNode n = new ObjectMapper().readTree(ok.out());
        assertThat(n.get("ok").asBoolean()).isTrue();
        assertThat(ok.code()).isZero();
        assertThat(n.get("checks")).hasSizeGreaterThan(8);
        for (JsonNode c : n.get("checks")) {
            assertThat(c.get("name").asText()).isNotBlank();
            assertThat(c.get("level").asText()).isIn("ok", "warn");
            assertThat(c.get("detail").asText()).isNotBlank();
            assertThat(c.has("fix")).isTrue();
            assertThat(c.get("fix").isNull()).isEqualTo(c.get("level").asText().equals("ok"));
        }

        Files.move(v.remote(), root.resolve("elsewhere.git"));
        JsonNode failed = new ObjectMapper().readTree(doctor(v.cloud(), "--json").out());
        assertThat(failed.get("ok").asBoolean()).isFalse();
    }

    @Test
    void credentialsInTheRemoteUrlNeverReachTheOutput() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CGit.run(v.local(), "remote", "set-url", "origin", "https://vault-bot:s3cr3t-token@127.0.0.1:" + closed + "/v.git");

        CliRun text = doctor(v.local());
        CliRun json = doctor(v.local(), "--json");

        assertThat(text.code()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(text.out()).contains("fail  remote reachable: ", "fix: is the server up?", "warn  clock: cannot tell");
        assertThat(text.out() + text.err() + json.out() + json.err()).doesNotContain("s3cr3t", "vault-bot");
    }

    @Test
    void aDirectoryThatIsNotAVaultFailsTheVaultCheck() throws Exception {
        Path plain = Files.createDirectories(root.resolve("plain"));
        CliRun r = doctor(plain);
        assertThat(r.code()).isEqualTo(ExitCodes.DOCTOR_FAILED);
        assertThat(r.out()).containsPattern("(?m)^fail  vault: .*not a vault clone").contains("fix: run init");
    }

    /** The check lines: everything but the fix lines and the summary. */
    static List<String> checkLines(CliRun r) {
        List<String> l = new ArrayList<>(r.out().lines().filter(s -> !s.startsWith(" ")).toList());
        return l.subList(0, l.size() - 1);
    }

    static List<String> names(CliRun r) {
        return checkLines(r).stream().map(l -> l.substring(6, l.indexOf(':'))).toList();
    }

    static CliRun doctor(Path vault, String... extra) {
        List<String> args = new ArrayList<>(List.of("--vault", vault.toString()));
        args.addAll(List.of(extra));
        return CliRun.of((out, err) -> {
            CommandLine cl = new CommandLine(new DoctorCommand().in(new CliContext(Role.LOCAL, "local-agent", out, err,
                    Clock.systemUTC(), AgentExtension.NONE)));
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args.toArray(String[]::new));
        });
    }
}
