package io.vaultsync.cloud;

import io.vaultsync.policy.Role;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the cloud-agent's man pages (run by the build at package time: {@code target/man}). */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        io.vaultsync.cli.ManPages.write(Role.CLOUD, "cloud-agent", CloudExtension.INSTANCE, Path.of(args[0]));
    }
}
