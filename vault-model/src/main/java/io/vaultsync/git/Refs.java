package io.vaultsync.git;

import io.vaultsync.VaultStateException;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Local ref moves with an expected old value, so a concurrent writer is noticed, never overwritten. */
final class Refs {
    private Refs() {}

    static void move(Repository repo, String ref, ObjectId expectedOld, ObjectId newId, String why) throws IOException {
        RefUpdate ru = repo.updateRef(ref);
        ru.setExpectedOldObjectId(expectedOld == null ? ObjectId.zeroId() : expectedOld);
        ru.setNewObjectId(newId);
        ru.setForceUpdate(true);
        ru.setRefLogMessage("vaultsync: " + why, false);
        RefUpdate.Result r = ru.update();
        switch (r) {
            case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
            default -> throw new VaultStateException("could not move " + ref + " to " + newId.abbreviate(8).name()
                    + " (" + r + "): another process changed it; sync again");
        }
    }
}
