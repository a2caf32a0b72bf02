package io.vaultsync.journal;

import io.vaultsync.git.VaultRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;

/**
 * The clone's health as {@code verify} sees it: every object reachable from the branch and its remote
 * tracking ref is present and well formed (JGit's {@link ObjectChecker}), no lock file is left in the git
 * directory, and no merge, rebase or cherry-pick is in progress.
 */
public final class RepoHealth {
    private RepoHealth() {}

    public record Report(long objects, List<String> problems) {}

    public static Report check(VaultRepo vault) throws IOException {
        List<String> problems = new ArrayList<>();
        long n = 0;
        ObjectChecker checker = new ObjectChecker();
        try (ObjectReader reader = vault.repository().newObjectReader(); ObjectWalk ow = new ObjectWalk(reader)) {
            for (ObjectId tip : new ObjectId[] {vault.head(), vault.tracking()}) {
                if (tip != null) ow.markStart(ow.parseCommit(tip));
            }
            try {
                for (RevCommit c = ow.next(); c != null; c = ow.next()) n += check(reader, checker, c, problems);
                for (RevObject o = ow.nextObject(); o != null; o = ow.nextObject()) n += check(reader, checker, o, problems);
            } catch (MissingObjectException e) {
                problems.add("missing object " + e.getObjectId().name());
            }
        }
        Path git = vault.gitDir();
        for (String state : List.of("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")) {
            if (Files.exists(git.resolve(state))) problems.add(state + " is present: an operation is in progress");
        }
        try (Stream<Path> s = Files.walk(git)) {
            s.filter(p -> p.getFileName().toString().endsWith(".lock")).filter(p -> !p.startsWith(git.resolve("vaultsync")))
                    .forEach(p -> problems.add("lock file left: " + git.relativize(p)));
        }
        return new Report(n, problems);
    }

    private static int check(ObjectReader reader, ObjectChecker checker, RevObject o, List<String> problems) throws IOException {
        try {
            ObjectLoader l = reader.open(o, o.getType());
            if (o.getType() != Constants.OBJ_BLOB) checker.check(o, o.getType(), l.getCachedBytes());
        } catch (CorruptObjectException e) {
            problems.add("corrupt object " + o.name() + ": " + e.getMessage());
        } catch (MissingObjectException e) {
            problems.add("missing object " + o.name());
        }
        return 1;
    }
}
