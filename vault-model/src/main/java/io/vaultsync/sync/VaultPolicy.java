package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The policy in force: the committed version at the branch head, so an uncommitted edit of the work-tree
 * copy (by anyone) changes nothing until its owner commits it.
 */
public final class VaultPolicy {
    private VaultPolicy() {}

    public static Policy committed(VaultRepo vault) throws IOException {
        ObjectId head = vault.head();
        if (head == null) throw new VaultStateException(vault.workTree() + " has no commits yet; run init");
        try (RevWalk rw = new RevWalk(vault.repository());
                TreeWalk tw = TreeWalk.forPath(vault.repository(), Policy.PATH, rw.parseCommit(head).getTree())) {
            if (tw == null) {
                throw new VaultStateException(vault.workTree() + " has no " + Policy.PATH + " at " + vault.branch()
                        + "; run init on an empty remote to seed one");
            }
            String text = new String(vault.repository().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            return PolicyLoader.parse(text, Policy.PATH);
        }
    }
}
