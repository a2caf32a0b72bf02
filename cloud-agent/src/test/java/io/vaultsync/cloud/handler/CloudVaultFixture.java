package io.vaultsync.cloud.handler;

import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.cloud.CloudExtension;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.fixtures.AgentCliRuns;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.MutableClock;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.SyncCycle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bare remote in a temp folder, a cloud clone (which seeded it) and a local clone, both made by the agents'
 * own init; a worker for the cloud on a clock the test moves; helpers for handler scripts and the remote's tree.
 */
abstract class CloudVaultFixture {
    static final Path SAMPLE_HANDLER = Path.of("..", "scripts", "sample-handler.sh").toAbsolutePath().normalize();
    static final String TASK = "---\ntype: email\nfrom: client@example.com\nsubject: Invoice 1042\n---\nWhen is it due?\n";

    @TempDir
    Path root;
    Path remote;
    Path cloud;
    Path local;
    AgentSettings agent;
    AgentSettings localAgent;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    StringWriter said = new StringWriter();
    CloudWorker worker;

    @BeforeEach
    void setUpVaults() {
        Vaults v = Vaults.create(root);
        remote = v.remote();
        cloud = v.cloud();
        local = v.local();
        agent = v.cloudAgent();
        localAgent = v.localAgent();
        worker = new CloudWorker(agent, clock, cycle(), new PrintWriter(said, true));
    }

    /** The cloud agent's CLI run in this JVM, as a user would type it. */
    static CliRun cli(String... args) {
        return AgentCliRuns.run(Role.CLOUD, CloudExtension.INSTANCE, args);
    }

    SyncCycle cycle() {
        return Vaults.cycle(agent, clock);
    }

    void handler(List<String> command, int attempts) {
        actions(Actions.NONE.withHandler("email", command).withRetries(attempts, Duration.ofSeconds(10)));
    }

    void actions(Actions a) {
        ActionsStore.write(cloud.resolve(".git"), a);
    }

    /** A task lands in the cloud's Needs_Action/ and the cloud's own sync pushes it. */
    void ingest(String name, String content) throws Exception {
        Files.writeString(cloud.resolve("Needs_Action").resolve(name), content);
        cycle().run(cloud);
    }

    Path script(String name, String body) throws Exception {
        Path f = root.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    Map<String, String> remoteFiles() {
        return RemoteTree.files(remote, "main");
    }

    List<String> linesOf(Path f) throws Exception {
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
