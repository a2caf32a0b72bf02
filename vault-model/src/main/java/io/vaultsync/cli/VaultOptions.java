package io.vaultsync.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every vault command takes. */
public final class VaultOptions {
    @Option(names = "--vault", required = true, paramLabel = "DIR", description = "The vault clone.")
    Path vault;

    public Path vault() {
        return vault;
    }
}
