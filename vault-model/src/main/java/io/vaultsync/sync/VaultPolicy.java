package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.git.CommitTrust;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.journal.JournalFold;
import io.vaultsync.journal.JournalReads;
import io.vaultsync.policy.PolicyTrust;
import io.vaultsync.trust.Judge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force: the newest committed version of {@code .vaultsync/policy.yaml} that its owner (the
 * local agent of the policy in force before it) wrote and that can be read, going back to the version the
 * vault was seeded with. Who wrote a version is proven as {@link CommitTrust} proves it: once the owner lists
 * a signing key, only a commit signed with that key speaks for it; a commit this clone's journal refused as a
 * forgery of its agent's name never does. A version anyone else committed, or an unreadable one, is never applied, whatever
 * else is on the branch (the owner restores it and cards it); an uncommitted edit changes nothing. The
 * answer is kept in {@link PolicyAnchor} so a cycle reads only the commits since the last one.
 */
public final class VaultPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(VaultPolicy.class);

    private VaultPolicy() {}

    /** The policy in force, and the versions on the branch that were not applied (the newest, last). */
    public record InForce(Policy policy, ObjectId blob, List<String> ignored) {}

    public static Policy committed(VaultRepo vault) throws IOException {
        return inForce(vault).policy();
    }

    public static InForce inForce(VaultRepo vault) throws IOException {
        ObjectId head = vault.head();
        if (head == null) throw new VaultStateException(vault.workTree() + " has no commits yet; run init");
        Repository repo = vault.repository();
        PolicyAnchor anchor = PolicyAnchor.read(vault.gitDir());
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit tip = rw.parseCommit(head);
            if (anchor != null && anchor.head().equals(head) && repo.getObjectDatabase().has(anchor.blob())) {
                byte[] bytes = repo.open(anchor.blob()).getBytes();
                return new InForce(parse(bytes), anchor.blob(), anchor.ignored());
            }
            if (anchor != null && !repo.getObjectDatabase().has(anchor.blob())) anchor = null;
            boolean resume = anchor != null && isAncestor(rw, anchor.head(), tip);
            InForce found = walk(vault, rw, tip, resume ? anchor : null);
            new PolicyAnchor(head, found.blob(), found.ignored()).write(vault.gitDir());
            return found;
        }
    }

    private static InForce walk(VaultRepo vault, RevWalk rw, RevCommit tip, PolicyAnchor from) throws IOException {
        Repository repo = vault.repository();
        rw.reset();
        rw.setTreeFilter(AndTreeFilter.create(PathFilter.create(Policy.PATH), TreeFilter.ANY_DIFF));
        rw.sort(RevSort.TOPO, true);
        rw.sort(RevSort.REVERSE, true);
        rw.markStart(tip);
        ObjectId blob = null;
        Policy policy = null;
        byte[] bytes = null;
        if (from != null) {
            rw.markUninteresting(rw.parseCommit(from.head()));
            blob = from.blob();
            bytes = repo.open(blob).getBytes();
            policy = parse(bytes);
        }
        List<String> ignored = new ArrayList<>(from == null ? List.of() : from.ignored());
        CommitTrust trust = null;
        JournalFold journal = null;
        for (RevCommit c : rw) {
            ObjectId version = blobAt(repo, c);
            if (version == null) continue; // removed: the version in force stays
            byte[] after = repo.open(version).getBytes();
            if (policy == null) { // the version the vault was seeded with
                policy = parse(after);
                blob = version;
                bytes = after;
                continue;
            }
            if (trust == null || trust.policy() != policy) trust = new CommitTrust(repo, policy, null, CommitTrust.Own.NAMES);
            Judge.Held held = trust.held(c);
            String writer = held.agent();
            if (writer != null) {
                if (journal == null) journal = new JournalReads().fold(vault.gitDir());
                if (journal.forged(c.name())) {
                    writer = null;
                    held = new Judge.Held(null, "refused as a forgery of " + held.agent() + "'s identity", true);
                }
            }
            PolicyTrust.Decision d = PolicyTrust.next(policy, writer, bytes, after);
            if (writer == null && d instanceof PolicyTrust.Decision.Ignore i && !i.why().equals("unchanged")) {
                d = new PolicyTrust.Decision.Ignore(i.why() + "; " + held.why());
            }
            if (d instanceof PolicyTrust.Decision.Accept a) {
                policy = a.policy();
                blob = version;
                bytes = after;
            } else if (d instanceof PolicyTrust.Decision.Ignore i && !i.why().equals("unchanged")) {
                ignored.add(c.abbreviate(10).name() + ": " + i.why());
                LOG.warn("policy version of commit {} not applied: {}", c.abbreviate(10).name(), i.why());
            }
        }
        if (policy == null) {
            throw new VaultStateException(vault.workTree() + " has no " + Policy.PATH + " at " + vault.branch()
                    + "; run init on an empty remote to seed one");
        }
        return new InForce(policy, blob, ignored);
    }

    private static ObjectId blobAt(Repository repo, RevCommit c) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, Policy.PATH, c.getTree())) {
            return tw == null ? null : tw.getObjectId(0);
        }
    }

    private static boolean isAncestor(RevWalk rw, ObjectId maybe, RevCommit tip) throws IOException {
        try {
            boolean r = rw.isMergedInto(rw.parseCommit(maybe), tip);
            rw.reset();
            return r;
        } catch (MissingObjectException e) {
            return false; // the anchored head is gone (a rewritten history): read it all again
        }
    }

    private static Policy parse(byte[] bytes) {
        return PolicyLoader.parse(new String(bytes, StandardCharsets.UTF_8), Policy.PATH);
    }
}
