package io.vaultsync.git;

import io.vaultsync.policy.Policy;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Each agent's newest commit on a branch (as its trailers or author name tell), reading back a bounded history. */
public final class LastPushes {
    public static final int HISTORY_LIMIT = 2000;

    private LastPushes() {}

    /** One agent's newest commit: its id, when it was committed, and the machine its trailer names. */
    public record Push(String commit, Instant time, String machine) {
        static Push of(RevCommit c) {
            return new Push(c.name(), c.getCommitterIdent().getWhenAsInstant(),
                    Trailers.parse(c.getFullMessage()).get(Trailers.MACHINE));
        }
    }

    /** Agents found, newest commit each; commits {@code skip} accepts do not count. */
    public static Map<String, RevCommit> commits(Repository repo, ObjectId tip, Policy policy, Predicate<RevCommit> skip)
            throws IOException {
        Map<String, RevCommit> out = new LinkedHashMap<>();
        if (tip == null) return out;
        try (RevWalk rw = new RevWalk(repo)) {
            rw.markStart(rw.parseCommit(tip));
            int seen = 0;
            for (RevCommit c : rw) {
                if (++seen > HISTORY_LIMIT || out.size() == policy.agents().size()) break;
                String agent = Authors.agentOf(c, policy);
                if (agent == null || out.containsKey(agent) || skip.test(c)) continue;
                out.put(agent, c);
            }
        }
        return out;
    }

    public static Map<String, Push> of(Repository repo, ObjectId tip, Policy policy) throws IOException {
        Map<String, Push> out = new LinkedHashMap<>();
        commits(repo, tip, policy, c -> false).forEach((a, c) -> out.put(a, Push.of(c)));
        return out;
    }
}
