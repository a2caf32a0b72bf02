package io.vaultsync.local;

import io.vaultsync.cli.AgentCli;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.Backoff;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.VaultInit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A bare remote with a cloud clone (which seeds it) and a local clone, for the local agent's tests. */
public record Vaults(Path remote, Path cloud, Path local, AgentSettings cloudAgent, AgentSettings localAgent) {

    public static Vaults create(Path root) {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        VaultInit init = new VaultInit(Clock.systemUTC());
        AgentSettings c = init.init(root.resolve("cloud"), remote.toString(), "cloud_agent", Role.CLOUD, "vm", "main").settings();
        AgentSettings l = init.init(root.resolve("local"), remote.toString(), "local_agent", Role.LOCAL, "desktop", "main").settings();
        return new Vaults(remote, root.resolve("cloud"), root.resolve("local"), c, l);
    }

    public SyncReport syncCloud() {
        return sync(cloudAgent, cloud);
    }

    public SyncReport syncLocal() {
        return sync(localAgent, local);
    }

    public static SyncCycle cycle(AgentSettings s, Clock clock) {
        return new SyncCycle(s, clock, Backoff.DEFAULT, Duration.ofSeconds(5));
    }

    static SyncReport sync(AgentSettings s, Path vault) {
        try {
            return cycle(s, Clock.systemUTC()).run(vault);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cloud writes a draft and pushes it; the local agent pulls it. */
    public void draft(String path, String content) {
        write(cloud, path, content);
        syncCloud();
        syncLocal();
    }

    public static void write(Path vault, String path, String content) {
        try {
            Path f = vault.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path vault, String path) {
        try {
            return Files.readString(vault.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One local-agent command in this JVM, as a user would type it. */
    public static Cli local(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AgentCli.run(Role.LOCAL, "local-agent", new PrintWriter(out), new PrintWriter(err), LocalExtension.INSTANCE, args);
        return new Cli(code, out.toString(), err.toString());
    }

    public record Cli(int code, String out, String err) {}
}
