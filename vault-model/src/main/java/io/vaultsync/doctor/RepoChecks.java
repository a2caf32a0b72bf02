package io.vaultsync.doctor;

import io.vaultsync.PolicyException;
import io.vaultsync.VaultStateException;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.journal.Journal;
import io.vaultsync.journal.JournalCheck;
import io.vaultsync.journal.JournalFiles;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import io.vaultsync.sync.VaultPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the clone itself holds: the committed policy parses, the journal's hash chain is whole and no git
 * operation was left half done. The object-by-object check stays with {@code verify} (it reads every object
 * in the history, too slow for a quick look).
 */
final class RepoChecks {
    static final String POLICY = "policy";
    static final String JOURNAL = "journal";
    /** A lock file older than this was left by a process that died; younger ones may be in use now. */
    static final Duration STALE_LOCK = Duration.ofSeconds(5);

    private RepoChecks() {}

    static Check policy(VaultRepo vault, String agent) throws IOException {
        Policy p;
        try {
            VaultPolicy.InForce f = VaultPolicy.inForce(vault);
            p = f.policy();
            if (!f.ignored().isEmpty()) {
                return Check.warn(POLICY, f.ignored().size() + " version(s) of " + Policy.PATH + " on the branch are not in"
                        + " force (the newest: " + f.ignored().get(f.ignored().size() - 1) + "); the last version its owner"
                        + " wrote is", "nothing to do if that is expected: the local agent restores its own version at its"
                        + " next sync; to change the policy, edit it on the local agent's vault");
            }
        } catch (PolicyException e) {
            return Check.fail(POLICY, e.getMessage(), "the local agent fixes " + Policy.PATH
                    + " and syncs (the committed version is the one in force; `git log -p " + Policy.PATH + "` shows the change)");
        } catch (VaultStateException e) {
            return Check.fail(POLICY, e.getMessage(), "run init on the local agent's vault to seed the policy");
        }
        return decidePolicy(p, agent);
    }

    /** Pure: a parsed policy that does not list this agent leaves it with no zones to write. */
    static Check decidePolicy(Policy p, String agent) {
        String agents = String.join(", ", p.agents().stream().map(a -> a.name() + " (" + a.role().name()
                .toLowerCase(java.util.Locale.ROOT) + ")").toList());
        Optional<AgentSpec> me = p.agent(agent);
        if (me.isEmpty()) {
            return Check.warn(POLICY, Policy.PATH + " parses but does not list this agent, " + agent + "; agents: " + agents,
                    "the local agent adds " + agent + " to agents: in " + Policy.PATH + " (or fix name in .git/vaultsync/agent.yaml)");
        }
        return Check.ok(POLICY, Policy.PATH + " parses; branch " + p.branch() + "; agents: " + agents);
    }

    static Check journal(VaultRepo vault, Instant now) throws IOException {
        Path gitDir = vault.gitDir();
        List<String> lines = Journal.lines(gitDir);
        Optional<JournalCheck.Break> broken = JournalCheck.verifyFiles(JournalFiles.all(gitDir))
                .map(f -> new JournalCheck.Break(f.brk().line(), f.brk().id(), f.brk().why() + " [" + f.file().getFileName() + "]"));
        return decideJournal(lines.size(), broken, leftovers(gitDir, now));
    }

    /** Pure: a broken chain fails; an operation left half done warns (the next cycle's recovery repairs it). */
    static Check decideJournal(int records, Optional<JournalCheck.Break> broken, List<String> leftovers) {
        if (broken.isPresent()) {
            JournalCheck.Break b = broken.get();
            return Check.fail(JOURNAL, "record " + b.line() + (b.id() == null ? "" : " (" + b.id() + ")") + " is broken: "
                    + b.why(), "keep .git/vaultsync/journal.jsonl for inspection (`verify` names the same record);"
                    + " to start a new chain move it aside: the history stays in git");
        }
        if (!leftovers.isEmpty()) {
            return Check.warn(JOURNAL, records(records) + ", hash chain intact; but " + String.join(", ", leftovers),
                    "run `sync --vault DIR` (or let the daemon run a cycle): its recovery step repairs this");
        }
        return Check.ok(JOURNAL, records(records) + ", hash chain intact; no git operation left half done");
    }

    private static String records(int n) {
        return n + (n == 1 ? " record" : " records");
    }

    /** A merge, rebase or cherry-pick in progress, and lock files older than {@link #STALE_LOCK}. */
    private static List<String> leftovers(Path git, Instant now) throws IOException {
        List<String> out = new ArrayList<>();
        for (String state : List.of("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")) {
            if (Files.exists(git.resolve(state))) out.add(state + " is present (an operation in progress)");
        }
        Path ours = git.resolve("vaultsync");
        Instant stale = now.minus(STALE_LOCK);
        // a running daemon may add and remove files meanwhile: what vanishes is skipped, not an error
        Files.walkFileTree(git, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                return dir.equals(ours) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                if (f.getFileName().toString().endsWith(".lock") && a.lastModifiedTime().toInstant().isBefore(stale)) {
                    out.add("lock file left: " + git.relativize(f));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}
