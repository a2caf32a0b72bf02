package io.vaultsync.distribution.publish;

import io.vaultsync.transport.Failures.Op;
import io.vaultsync.transport.Remote;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * A downstream repository as fetched into memory: its branches, files of a commit, a new commit built on one
 * of them, and a compare-and-swap push. Nothing is written to disk on this side; a dry run simply never pushes.
 */
final class DownstreamRepo implements AutoCloseable {
    private final Remote remote;
    private final InMemoryRepository repo;

    private DownstreamRepo(Remote remote, InMemoryRepository repo) {
        this.remote = remote;
        this.repo = repo;
    }

    /** The downstream could not be reached or read. */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Fetches every branch of {@code url}. */
    static DownstreamRepo fetch(String name, String url) throws Unreachable {
        InMemoryRepository repo;
        try {
            // a file system, so that local paths and file:// URLs resolve (TransportLocal asks the repository's)
            repo = new InMemoryRepository.Builder().setRepositoryDescription(new DfsRepositoryDescription(name))
                    .setFS(org.eclipse.jgit.util.FS.DETECTED).build();
        } catch (IOException e) {
            throw new Unreachable("cannot make an in-memory repository: " + e.getMessage(), e);
        }
        Remote remote = Reach.of(url);
        long start = System.nanoTime();
        try (Transport t = Transport.open(repo, new URIish(remote.url()))) {
            remote.configure(t);
            FetchResult r = t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/heads/*:refs/heads/*")));
            r.getTrackingRefUpdates(); // all fetched refs are written by the fetch itself
            return new DownstreamRepo(remote, repo);
        } catch (URISyntaxException e) {
            repo.close();
            throw new Unreachable(remote.shownUrl() + " is not a git URL", e);
        } catch (IOException | RuntimeException e) {
            repo.close();
            throw new Unreachable("cannot fetch: " + remote.classify(e, Op.FETCH, start).message(), e);
        }
    }

    /** The commit a branch names, if the branch exists. */
    Optional<ObjectId> tip(String branch) throws IOException {
        Ref ref = repo.exactRef(Constants.R_HEADS + branch);
        return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    }

    Map<String, ObjectId> files(ObjectId commit) throws IOException {
        return GitTrees.files(repo, commit);
    }

    Optional<byte[]> read(ObjectId commit, String path) throws IOException {
        return GitTrees.read(repo, commit, path);
    }

    byte[] blob(ObjectId id) throws IOException {
        return repo.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    ObjectId commit(ObjectId base, Map<String, byte[]> edits, String message, PersonIdent who) throws IOException {
        return GitTrees.commit(repo, base, edits, message, who);
    }

    ObjectId tree(ObjectId commit) throws IOException {
        return GitTrees.tree(repo, commit);
    }

    /** One ref to move: its branch, the commit it must name now (null: must not exist), the new commit. */
    record Move(String branch, ObjectId expected, ObjectId next) {
    }

    /**
     * Pushes {@code moves}, each with compare-and-swap on its expected old
     * value; returns the status of each (OK or UP_TO_DATE is success; a rejection is a value, not an exception).
     */
    List<RemoteRefUpdate.Status> push(List<Move> moves) throws Unreachable {
        long start = System.nanoTime();
        try (Transport t = Transport.open(repo, new URIish(remote.url()))) {
            remote.configure(t);
            List<RemoteRefUpdate> updates = new ArrayList<>();
            for (Move m : moves) {
                updates.add(new RemoteRefUpdate(repo, m.next().name(), Constants.R_HEADS + m.branch(), true, null,
                        m.expected() == null ? ObjectId.zeroId() : m.expected()));
            }
            PushResult r = t.push(NullProgressMonitor.INSTANCE, updates);
            List<RemoteRefUpdate.Status> out = new ArrayList<>();
            for (RemoteRefUpdate u : updates) {
                RemoteRefUpdate got = r.getRemoteUpdate(u.getRemoteName());
                out.add(got == null ? RemoteRefUpdate.Status.NOT_ATTEMPTED : got.getStatus());
            }
            return out;
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw new Unreachable("cannot push: " + remote.classify(e, Op.PUSH, start).message(), e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
