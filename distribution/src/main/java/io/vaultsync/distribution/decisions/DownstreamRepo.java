package io.vaultsync.distribution.decisions;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.publish.GitTrees;
import io.vaultsync.distribution.publish.Reach;
import io.vaultsync.transport.Failures.Op;
import io.vaultsync.transport.Remote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * A downstream repository as the distribution tool reaches it: fetched into a private bare scratch repository
 * (a temp folder, deleted on close), read from its commits — never from a work tree — and written by building
 * commits in memory and pushing them with a compare-and-swap. Nothing of the scratch copy outlives the call,
 * so a dry run leaves no ref anywhere.
 */
public final class DownstreamRepo implements AutoCloseable {
    private static final String TRACKING = "refs/remotes/downstream/";
    private final Remote remote;
    private final Path dir;
    private final Git git;

    private DownstreamRepo(Remote remote, Path dir, Git git) {
        this.remote = remote;
        this.dir = dir;
        this.git = git;
    }

    /** Fetches every branch of {@code url}; an unreachable downstream is a {@link Unreachable}. */
    public static DownstreamRepo fetch(String url) {
        Path dir;
        try {
            dir = Files.createTempDirectory("distribute-downstream-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Git git = null;
        Remote remote = Reach.of(url);
        long start = System.nanoTime();
        try {
            git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("scratch").call();
            // no automatic gc in a copy that lives for one command (a detached gc would race its deletion)
            var config = git.getRepository().getConfig();
            config.setInt("gc", null, "auto", 0);
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
            git.fetch().setRemote(remote.url()).setTransportConfigCallback(remote)
                    .setRefSpecs(new RefSpec("+refs/heads/*:" + TRACKING + "*")).call();
            return new DownstreamRepo(remote, dir, git);
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (git != null) git.close();
            delete(dir);
            throw new Unreachable("cannot fetch: " + remote.classify(e, Op.FETCH, start).message(), e);
        }
    }

    /** The head of a downstream branch as fetched, or null when it has no such branch. */
    public ObjectId head(String branch) {
        try {
            return repo().resolve(TRACKING + branch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of {@code path} in {@code commit}, or null when the commit has no such file. */
    public byte[] read(ObjectId commit, String path) {
        try {
            return GitTrees.read(repo(), commit, path).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file path below {@code folder} (ending with {@code /}; empty for all) in {@code commit}. */
    public List<String> paths(ObjectId commit, String folder) {
        try {
            return GitTrees.files(repo(), commit).keySet().stream().filter(p -> p.startsWith(folder)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commits reachable from {@code head} that changed {@code path}, newest first. */
    public List<RevCommit> history(ObjectId head, String path) {
        try {
            List<RevCommit> out = new ArrayList<>();
            for (RevCommit c : git.log().add(head).addPath(path).call()) out.add(c);
            return out;
        } catch (GitAPIException | IOException e) {
            throw new DistributionException(remote.shownUrl() + ": cannot read the history of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new commit on top of {@code parent}: its tree with each path of {@code edits} set to the bytes given,
     * or removed for null. Written to the scratch repository only; {@link #push} publishes it.
     */
    public ObjectId commit(ObjectId parent, Map<String, byte[]> edits, String message, PersonIdent who) {
        try {
            return GitTrees.commit(repo(), parent, edits, message, who);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Outcome of a compare-and-swap push: done, or the branch was not where we expected. */
    public sealed interface Pushed {
        /** The branch now points at the new commit. */
        record Done(ObjectId tip) implements Pushed {}

        /** Someone else moved (or created) the branch first: nothing changed. */
        record Lost(String status, String message) implements Pushed {}
    }

    /** Moves {@code branch} downstream from {@code expectedOld} (null: must not exist yet) to {@code tip}. */
    public Pushed push(String branch, ObjectId tip, ObjectId expectedOld) {
        String ref = Constants.R_HEADS + branch;
        long start = System.nanoTime();
        try (Transport t = Transport.open(repo(), new URIish(remote.url()))) {
            remote.configure(t);
            RemoteRefUpdate u = new RemoteRefUpdate(repo(), (String) null, tip, ref, false, null,
                    expectedOld == null ? ObjectId.zeroId() : expectedOld);
            PushResult result = t.push(NullProgressMonitor.INSTANCE, List.of(u));
            RemoteRefUpdate done = result.getRemoteUpdate(ref);
            return switch (done.getStatus()) {
                case OK, UP_TO_DATE -> new Pushed.Done(tip);
                default -> new Pushed.Lost(done.getStatus().name(), done.getMessage() == null ? "" : done.getMessage());
            };
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new Unreachable("cannot push " + branch + ": " + remote.classify(e, Op.PUSH, start).message(), e);
        }
    }

    /** The scratch repository (tests and callers that read objects). */
    public Repository repo() {
        return git.getRepository();
    }

    @Override
    public void close() {
        git.close();
        delete(dir);
    }

    /** The downstream cannot be reached (fetch or push failed at the transport). */
    public static final class Unreachable extends DistributionException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless; the OS cleans its temp space
        }
    }
}
