package io.vaultsync.sync;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.policy.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A bare remote on disk with a cloud clone (which seeds it) and a local clone, as the agents would set them up. */
public record TestVaults(Path remote, Path cloud, Path local, AgentSettings cloudAgent, AgentSettings localAgent) {

    public static TestVaults create(Path root) {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        VaultInit init = new VaultInit(Clock.systemUTC());
        AgentSettings c = init.init(root.resolve("cloud"), remote.toString(), "cloud_agent", Role.CLOUD, "vm", "main").settings();
        AgentSettings l = init.init(root.resolve("local"), remote.toString(), "local_agent", Role.LOCAL, "desktop", "main").settings();
        return new TestVaults(remote, root.resolve("cloud"), root.resolve("local"), c, l);
    }

    public SyncReport syncCloud() {
        return sync(cloudAgent, cloud);
    }

    public SyncReport syncLocal() {
        return sync(localAgent, local);
    }

    public static SyncReport sync(AgentSettings s, Path vault) {
        try {
            return new SyncCycle(s, Clock.systemUTC(), Backoff.DEFAULT, Duration.ofSeconds(5)).run(vault);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A person clones the remote with C git, changes one file and pushes; returns that clone. */
    public Path pushAsHuman(String path, String content) {
        return CGit.pushAsHuman(remote, path, content);
    }

    public static void write(Path vault, String path, String content) {
        VaultFiles.write(vault, path, content);
    }

    /** A task moved by hand, as a person would with {@code mv}. */
    public static void move(Path vault, String from, String to) {
        VaultFiles.move(vault, from, to);
    }

    public static String read(Path vault, String path) {
        return VaultFiles.read(vault, path);
    }

    public static AgentSettings settings(Path vault) {
        return SettingsStore.read(vault.resolve(".git"));
    }
}
