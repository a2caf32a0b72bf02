package io.vaultsync.journal;

import io.vaultsync.git.CommitTrust;
import io.vaultsync.git.Trailers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * An agent's own commits, as its journal knows them: every commit it made is enqueued before it is pushed
 * (or replayed from one that was, under the same operation id), and lands as a reconcile. A fetched commit
 * that names this agent and that the journal holds in none of these ways is a forgery; it is recorded as a
 * {@code sync.forgery.refuse} so no later catch-up takes it for this agent's own.
 *
 * <p>Only fetched commits are judged (those not on the local branch already), so a clone made afresh (its
 * journal new) never judges the history it cloned, and a journal lost with its clone costs nothing. What it
 * does catch: a second install running under the same agent name, whose commits its journal never made.
 * The one gap is a commit this agent pushed and then crashed before recording it (a restore commit): with
 * signing on, its signature proves it first.
 */
public final class OwnCommits implements CommitTrust.Own {
    private final Journal journal;
    private final Set<String> forgedNow = new HashSet<>();

    public OwnCommits(Journal journal) {
        this.journal = journal;
    }

    @Override
    public boolean made(RevCommit c) {
        JournalFold fold = fold();
        if (fold.forged(c.name())) return false;
        if (fold.pending().containsKey(c.name()) || fold.landed(c.name())) return true;
        String op = Trailers.parse(c.getFullMessage()).get(Trailers.OPERATION);
        return op != null && fold.pending().containsValue(op); // a replay of an enqueued operation, not recorded yet
    }

    @Override
    public void forged(RevCommit c, String why) {
        if (!forgedNow.add(c.name()) || fold().forged(c.name())) return;
        journal.append(Op.FORGERY_REFUSE, "forgery-" + c.name().substring(0, 12), List.of(), c.name(), why);
    }

    private JournalFold fold() {
        try {
            return journal.folded();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal to tell this agent's own commits", e);
        }
    }
}
