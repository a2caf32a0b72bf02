package io.vaultsync.sync;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.CardReasons;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision;
import io.vaultsync.integrate.CardMaker;
import io.vaultsync.git.TreeFiles;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.TaskMoves;
import io.vaultsync.policy.Zones;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A double claim found after the fact: the branch head has one task in this agent's {@code In_Progress/}
 * and in another's (both claims landed, say through a person's merge). The earlier claim keeps the task
 * ({@link ConflictDecision#claimWinner}); if that is not this agent, it moves its copy, with any
 * uncommitted work in it, to its conflicts folder beside a double-claim card. The next scan commits that.
 */
final class DoubleClaims {
    private DoubleClaims() {}

    /** The cards written; empty when this agent holds no task another agent also holds. */
    static List<ConflictCard> settle(VaultRepo vault, Zones zones, String me, CardMaker cardMaker) throws IOException {
        ObjectId head = vault.head();
        Map<String, ObjectId> mine = TreeFiles.under(vault.repository(), head, TaskMoves.IN_PROGRESS + me + "/");
        if (mine.isEmpty()) return List.of();
        List<ConflictCard> cards = new ArrayList<>();
        for (var e : mine.entrySet()) {
            String task = TaskMoves.taskName(e.getKey());
            if (task == null || task.startsWith(".")) continue; // .gitkeep and other hidden files are no tasks
            Map<String, Instant> claimedAt = new LinkedHashMap<>();
            Map<String, ObjectId> blobs = new LinkedHashMap<>();
            claimedAt.put(me, claimedAt(vault, e.getValue()));
            for (AgentSpec a : zones.policy().agents()) {
                if (a.name().equals(me)) continue;
                String theirs = TaskMoves.IN_PROGRESS + a.name() + "/" + task;
                ObjectId blob = io.vaultsync.git.WorkTreeScan.blobAt(vault.repository(),
                        vault.repository().parseCommit(head).getTree(), theirs);
                if (blob == null) continue;
                claimedAt.put(a.name(), claimedAt(vault, blob));
                blobs.put(a.name(), blob);
            }
            if (blobs.isEmpty()) continue;
            String winner = ConflictDecision.claimWinner(claimedAt);
            if (winner.equals(me)) continue;
            Path file = vault.workTree().resolve(e.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) continue;
            byte[] ours = Files.readAllBytes(file);
            String theirsAt = TaskMoves.IN_PROGRESS + winner + "/" + task;
            var d = ConflictDecision.doubleClaim(zones, me, e.getKey(), true, true);
            ConflictCard card = cardMaker.make(cardMaker.newId("dc-" + e.getValue().abbreviate(7).name()), d, e.getKey(), theirsAt,
                    head.name(), new CardMaker.Bytes(me, head.name(), ours),
                    new CardMaker.Bytes(winner, head.name(), bytes(vault, blobs.get(winner))),
                    CardReasons.claimedByBoth(task, me, winner));
            if (card.saved().at() == null) continue; // held back by the secret gate: left in place, for a person
            AtomicFiles.write(vault.workTree().resolve(card.saved().at()), ours);
            AtomicFiles.write(vault.workTree().resolve(card.cardPath()), card.render().getBytes(StandardCharsets.UTF_8));
            Files.delete(file);
            cards.add(card);
        }
        return cards;
    }

    private static Instant claimedAt(VaultRepo vault, ObjectId blob) throws IOException {
        return LeaseFrontMatter.read(bytes(vault, blob)).map(Lease::claimedAt).orElse(null);
    }

    private static byte[] bytes(VaultRepo vault, ObjectId blob) throws IOException {
        return vault.repository().open(blob, Constants.OBJ_BLOB).getBytes();
    }
}
