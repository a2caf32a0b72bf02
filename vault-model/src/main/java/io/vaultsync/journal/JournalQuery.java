package io.vaultsync.journal;

import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code log} asks of an agent's records: its journal filtered by operation type, time and path, and
 * with a path (and no type) the branch's commits that changed that path. No network.
 *
 * @param op    a journal type ({@code sync.operation.reconcile}), or null for all
 * @param since the earliest time, or null
 * @param path  a vault path (a file, or a folder for everything below it), or null
 */
public record JournalQuery(String op, Instant since, String path) {
    public JournalQuery {
        if (op != null) Op.fromJournalName(op); // an unknown type is the caller's error: IllegalArgumentException
    }

    /** The journal records and the path's history, oldest records first and newest changes first. */
    public record Answer(List<JournalRecord> records, List<PathHistory.Change> history, boolean withHistory) {}

    /** Whether one record is asked for. Pure. */
    public boolean matches(JournalRecord r) {
        return (op == null || r.op().equals(op)) && (since == null || !r.time().isBefore(since))
                && (path == null || r.paths().stream().anyMatch(p -> p.equals(path) || p.startsWith(path + "/")));
    }

    /** The policy in force of a clone, for judging signatures (the caller's: this layer cannot compute it). */
    public interface PolicySource {
        Policy of(VaultRepo repo) throws IOException;
    }

    /** Reads the journal of the clone whose git directory is {@code gitDir}, and the branch's history of the path. */
    public Answer run(Path vault, Path gitDir, String branch) throws IOException {
        return run(vault, gitDir, branch, null);
    }

    /** As {@link #run(Path, Path, String)}, with each change's signature judged under {@code policy}'s answer. */
    public Answer run(Path vault, Path gitDir, String branch, PolicySource policy) throws IOException {
        List<JournalRecord> records = new ArrayList<>(); // only the matching ones are kept, file by file
        for (Path f : JournalFiles.all(gitDir)) JournalReads.fold(f, r -> { if (matches(r)) records.add(r); });
        boolean withHistory = path != null && op == null;
        List<PathHistory.Change> history = List.of();
        if (withHistory) {
            try (VaultRepo repo = VaultRepo.open(vault, branch)) {
                history = PathHistory.of(repo.repository(), repo.head(), path, policy == null ? null : policy.of(repo)).stream()
                        .filter(c -> since == null || !c.time().isBefore(since)).toList();
            }
        }
        return new Answer(records, history, withHistory);
    }
}
