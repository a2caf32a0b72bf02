package io.vaultsync.config;

import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This clone's stable device id, generated once (at init, or at the first cycle of an older clone) and
 * kept in {@code .git/vaultsync/device}; it goes into every commit's {@code Vaultsync-Device} trailer and
 * every journal record, beside the agent and machine names a person chose.
 */
public final class DeviceId {
    private DeviceId() {}

    public static String of(Path gitDir) {
        Path f = SettingsStore.stateDir(gitDir).resolve("device");
        try {
            if (Files.isRegularFile(f)) {
                String id = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) return id;
            }
            String id = "dev-" + UUID.randomUUID();
            AtomicFiles.write(f, (id + "\n").getBytes(StandardCharsets.UTF_8));
            return id;
        } catch (IOException e) {
            throw new VaultStateException("cannot read or create the device id " + f + ": " + e.getMessage(), e);
        }
    }
}
