package io.vaultsync.work;

import io.vaultsync.sync.RunLoop;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The role's work between cycles: claiming and drafting on the cloud side, executing approved items on the
 * local side. Slow steps (a handler, an executor) run in a {@link WorkPool} beside the loop and outside the
 * vault lock; what they produce is committed by cycles the worker runs under the lock.
 */
public interface Worker extends RunLoop.Work {
    Worker NONE = vault -> { };

    @Override
    void afterCycle(Path vault) throws IOException;
}
