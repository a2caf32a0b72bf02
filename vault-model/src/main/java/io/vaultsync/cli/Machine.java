package io.vaultsync.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, for commit trailers: $HOSTNAME, /etc/hostname, then the resolver. */
final class Machine {
    private Machine() {}

    static String name() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isRegularFile(etc)) {
                String n = Files.readString(etc).trim();
                if (!n.isEmpty()) return n;
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
