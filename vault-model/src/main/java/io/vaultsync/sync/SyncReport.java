package io.vaultsync.sync;

import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.integrate.LostClaim;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What one cycle did, for the CLI, the log and the status, made of what each stage returned: the repairs
 * of recovery, the tasks set aside before the scan, and each round's scan, integration and settled double
 * claims. Paths and rules only, never file contents.
 */
public record SyncReport(String agent, List<String> repaired, List<ConflictCard> setAside, List<Round> rounds) {
    public SyncReport {
        repaired = List.copyOf(repaired);
        setAside = List.copyOf(setAside);
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) throw new IllegalArgumentException("a cycle has at least one round");
    }

    /**
     * One round of a cycle: what the scan sorted (committed, blocked, outside the zones), what integrating
     * did, and the double claims settled after it.
     */
    public record Round(Candidates scanned, Integration integration, List<ConflictCard> settled) {
        public Round {
            settled = List.copyOf(settled);
        }
    }

    private Round last() {
        return rounds.get(rounds.size() - 1);
    }

    public SyncOutcome outcome() {
        return last().integration().outcome();
    }

    public int committedPaths() {
        return rounds.stream().mapToInt(r -> r.scanned().stageable().size()).sum();
    }

    /** What the last scan held back: a path blocked in an earlier round is blocked again in the last. */
    public List<BlockedPath> blocked() {
        return last().scanned().blocked();
    }

    public List<String> outsideZone() {
        return last().scanned().outside();
    }

    /** Every card raised, by path, each once, in the order raised. */
    public List<ConflictCard> raised() {
        Set<String> seen = new LinkedHashSet<>();
        return java.util.stream.Stream.concat(setAside.stream(), rounds.stream()
                        .flatMap(r -> java.util.stream.Stream.concat(r.integration().cards().stream(), r.settled().stream())))
                .filter(c -> seen.add(c.cardPath())).toList();
    }

    /** The paths of the cards raised. */
    public List<String> cards() {
        return raised().stream().map(ConflictCard::cardPath).toList();
    }

    public List<String> keptLocal() {
        return all(Integration::keptLocal);
    }

    public List<String> errors() {
        return all(Integration::errors);
    }

    public List<LostClaim> lostClaims() {
        return all(Integration::lostClaims);
    }

    private <T> List<T> all(Function<Integration, List<T>> part) {
        return rounds.stream().flatMap(r -> part.apply(r.integration()).stream()).toList();
    }
}
