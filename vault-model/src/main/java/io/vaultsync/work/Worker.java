package io.vaultsync.work;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The role's work between cycles: claiming and drafting on the cloud side, executing approved items on the
 * local side. Slow steps (a handler, an executor) run outside the vault lock; what they produce is committed
 * by cycles the worker runs under the lock.
 */
public interface Worker {
    Worker NONE = vault -> { };

    void afterCycle(Path vault) throws IOException;
}
