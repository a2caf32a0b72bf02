package io.vaultsync.sync;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.journal.JournalSync;
import io.vaultsync.journal.Op;
import io.vaultsync.policy.TaskMoves;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A deleted task does not come back silently: a new file in {@code Needs_Action/} (not yet committed)
 * whose name the journal remembers as deleted is moved aside into this agent's conflicts folder with a
 * {@code tombstoned} card, before the scan; {@code resolve --keep theirs} brings it back.
 */
final class TombstoneGuard {
    private TombstoneGuard() {}

    static List<ConflictCard> run(CycleContext ctx, JournalSync journal) throws IOException {
        Path wt = ctx.vault().workTree();
        Path folder = wt.resolve(TaskMoves.NEEDS_ACTION);
        List<ConflictCard> cards = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return cards;
        Set<String> deleted = null;
        ObjectId head = ctx.vault().head();
        try (Stream<Path> s = Files.list(folder); RevWalk rw = new RevWalk(ctx.vault().repository())) {
            RevTree tree = head == null ? null : rw.parseCommit(head).getTree();
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) continue;
                String path = TaskMoves.NEEDS_ACTION + name;
                if (tree != null && WorkTreeScan.blobAt(ctx.vault().repository(), tree, path) != null) continue;
                if (deleted == null) deleted = journal.tombstones();
                if (!deleted.contains(name) || !ctx.zones().mayWrite(ctx.settings().name(), path)) continue;
                cards.add(setAside(ctx, journal, path, f));
            }
        }
        return cards;
    }

    private static ConflictCard setAside(CycleContext ctx, JournalSync journal, String path, Path file) throws IOException {
        String me = ctx.settings().name();
        String id = ConflictCard.newId(ctx.now(), String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000)) + "-ts");
        String copy = ConflictCard.copyPath(me, id, path);
        Path wt = ctx.vault().workTree();
        Files.createDirectories(wt.resolve(copy).getParent());
        Files.move(file, wt.resolve(copy));
        ctx.wrote(path);
        ctx.wrote(copy);
        ConflictCard card = ConflictCard.tombstoned(id, path, copy, path + " was deleted before and came back (a watcher"
                + " ingested it again, or a late writer); it is kept aside, not restored.", ctx.now(), me);
        AtomicFiles.write(wt.resolve(card.cardPath()), card.render().getBytes(StandardCharsets.UTF_8));
        ctx.wrote(card.cardPath());
        journal.journal().append(Op.TOMBSTONE_APPLY, "ts-" + file.getFileName(), List.of(path, copy), null,
                "refused: came back after deletion; card " + id);
        return card;
    }
}
