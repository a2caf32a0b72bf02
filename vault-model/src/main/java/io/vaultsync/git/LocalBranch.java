package io.vaultsync.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/** Moves the local vault branch after the work tree has been brought along. */
public final class LocalBranch {
    private LocalBranch() {}

    public static void move(VaultRepo vault, ObjectId from, ObjectId to) throws IOException {
        if (from.equals(to)) return;
        Refs.move(vault.repository(), vault.branchRef(), from, to, "integrate " + to.abbreviate(8).name());
    }
}
