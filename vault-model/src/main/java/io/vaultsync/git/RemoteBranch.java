package io.vaultsync.git;

import io.vaultsync.RemoteUnreachableException;
import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * The shared branch on the remote: fetch it, and move it with a compare-and-swap. A push that loses the
 * race is a result, not an exception; an unreachable remote is a {@link RemoteUnreachableException}.
 */
public final class RemoteBranch {
    private static final int TIMEOUT_SECONDS = 60;

    private RemoteBranch() {}

    /** Outcome of a compare-and-swap push. */
    public sealed interface PushOutcome {
        record Pushed(ObjectId tip) implements PushOutcome {}

        record Rejected(String status, String message) implements PushOutcome {}
    }

    /** Fetches the branch into the tracking ref; returns the remote head, or null if the branch does not exist. */
    public static ObjectId fetch(VaultRepo vault) {
        try (Git git = new Git(vault.repository())) {
            FetchResult r = git.fetch().setRemote(VaultRepo.REMOTE).setTimeout(TIMEOUT_SECONDS)
                    .setRefSpecs(new RefSpec("+" + vault.branchRef() + ":" + vault.trackingRef()))
                    .setTransportConfigCallback(LocalServer::configure)
                    .setProgressMonitor(NullProgressMonitor.INSTANCE).call();
            Ref adv = r.getAdvertisedRef(vault.branchRef());
            return adv == null ? null : adv.getObjectId();
        } catch (InvalidRemoteException e) {
            throw unreachable(vault, e);
        } catch (org.eclipse.jgit.api.errors.TransportException e) {
            throw unreachable(vault, e);
        } catch (GitAPIException e) {
            throw new VaultStateException("fetch from " + vault.remoteUrl() + " failed: " + oneLine(e), e);
        }
    }

    /** The remote's branch head without fetching anything (ls-remote); null if the branch does not exist. */
    public static ObjectId peek(VaultRepo vault) {
        try (Transport t = Transport.open(vault.repository(), VaultRepo.REMOTE)) {
            t.setTimeout(TIMEOUT_SECONDS);
            LocalServer.configure(t);
            try (var conn = t.openFetch()) {
                Ref r = conn.getRef(vault.branchRef());
                return r == null ? null : r.getObjectId();
            }
        } catch (IOException | URISyntaxException e) {
            throw unreachable(vault, e);
        }
    }

    /** Moves the remote branch from {@code expectedOld} (null: must not exist) to {@code tip}. */
    public static PushOutcome push(VaultRepo vault, ObjectId tip, ObjectId expectedOld) {
        try (Transport t = Transport.open(vault.repository(), VaultRepo.REMOTE)) {
            t.setTimeout(TIMEOUT_SECONDS);
            LocalServer.configure(t);
            RemoteRefUpdate u = new RemoteRefUpdate(vault.repository(), (String) null, tip, vault.branchRef(), false,
                    vault.trackingRef(), expectedOld == null ? ObjectId.zeroId() : expectedOld);
            PushResult result = t.push(NullProgressMonitor.INSTANCE, List.of(u));
            RemoteRefUpdate done = result.getRemoteUpdate(vault.branchRef());
            return switch (done.getStatus()) {
                case OK, UP_TO_DATE -> new PushOutcome.Pushed(tip);
                default -> new PushOutcome.Rejected(done.getStatus().name(),
                        done.getMessage() == null ? "" : oneLine(done.getMessage()));
            };
        } catch (NotSupportedException | TransportException e) {
            throw unreachable(vault, e);
        } catch (java.net.URISyntaxException e) {
            throw unreachable(vault, e);
        } catch (IOException e) {
            throw new VaultStateException("push to " + vault.remoteUrl() + " failed: " + oneLine(e), e);
        }
    }

    static RemoteUnreachableException unreachable(VaultRepo vault, Exception e) {
        return new RemoteUnreachableException("remote " + vault.remoteUrl() + " unreachable: " + oneLine(e), e);
    }

    static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = e.getMessage() == null ? root.toString() : e.getMessage();
        return oneLine(m);
    }

    static String oneLine(String m) {
        return m.replaceAll("\\s+", " ").trim();
    }
}
