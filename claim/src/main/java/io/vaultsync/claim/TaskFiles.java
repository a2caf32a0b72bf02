package io.vaultsync.claim;

import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads where a task is from the work tree: the file system is what the user and the handlers see. */
final class TaskFiles {
    private TaskFiles() {}

    static TaskPlaces places(Path workTree, Policy policy, String task) throws IOException {
        boolean unclaimed = regular(workTree.resolve(ClaimPaths.unclaimed(task)));
        Map<String, Optional<Lease>> holders = new LinkedHashMap<>();
        for (AgentSpec a : policy.agents()) {
            Path f = workTree.resolve(ClaimPaths.claimedBy(a.name(), task));
            if (regular(f)) holders.put(a.name(), LeaseFrontMatter.read(Files.readAllBytes(f)));
        }
        return new TaskPlaces(task, unclaimed, holders);
    }

    /** A regular file; a symbolic link in a task folder is refused, never followed. */
    private static boolean regular(Path f) {
        if (Files.isSymbolicLink(f)) {
            throw new BadTaskException(f.getFileName() + ": a symbolic link is not a task (tasks are regular files)");
        }
        return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
    }
}
