package io.vaultsync.git;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.transport.Failures;
import io.vaultsync.transport.Failures.Op;
import io.vaultsync.transport.Redact;
import io.vaultsync.transport.Remote;
import io.vaultsync.VaultStateException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SubmoduleConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * The shared branch on the remote: fetch it, and move it with a compare-and-swap. A push that loses the
 * race is a result, not an exception; any transport failure is a {@link RemoteException} of its class
 * (unreachable, authentication, host key, not found, push denied), with no credential in its message.
 */
public final class RemoteBranch {
    private RemoteBranch() {}

    /** Outcome of a compare-and-swap push. */
    public sealed interface PushOutcome {
        record Pushed(ObjectId tip) implements PushOutcome {}

        record Rejected(String status, String message) implements PushOutcome {}
    }

    /** How this clone reaches its remote: the URL of {@code origin} and the agent's access settings. */
    public static Remote remote(VaultRepo vault) {
        return new Remote(vault.remoteUrl(), SettingsStore.access(vault.gitDir()), vault.repository().getConfig(),
                vault.workTree(), vault.session().ssh());
    }

    /** Fetches the branch into the tracking ref; returns the remote head, or null if the branch does not exist. */
    public static ObjectId fetch(VaultRepo vault) {
        return fetch(vault, NullProgressMonitor.INSTANCE);
    }

    /** As above, telling {@code monitor} how the transfer goes (init's fetches, on a terminal). */
    public static ObjectId fetch(VaultRepo vault, ProgressMonitor monitor) {
        Remote remote = remote(vault);
        long start = System.nanoTime();
        Optional<Path> onDisk = LocalClone.gitDirOf(vault.remoteUrl());
        if (onDisk.isPresent()) {
            // a repository on this disk whose branch is where this clone last fetched it: nothing to fetch (an
            // upload-pack process less for a claim or an approve)
            ObjectId head = headOnDisk(vault, onDisk.get(), remote, start);
            if (fetchedAlready(vault, head)) return head;
        }
        try (Git git = new Git(vault.repository())) {
            FetchResult r = git.fetch().setRemote(VaultRepo.REMOTE).setTimeout(remote.timeoutSeconds())
                    .setRecurseSubmodules(SubmoduleConfig.FetchRecurseSubmodulesMode.NO) // a vault has none: no tree walk
                    .setRefSpecs(new RefSpec("+" + vault.branchRef() + ":" + vault.trackingRef()))
                    .setTransportConfigCallback(t -> configure(vault, remote, t))
                    .setProgressMonitor(monitor).call();
            Ref adv = r.getAdvertisedRef(vault.branchRef());
            return adv == null ? null : adv.getObjectId();
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof RemoteException re) throw re;
            if (e instanceof VaultStateException vs) throw vs;
            throw remote.failure(e, Op.FETCH, start);
        }
    }

    /**
     * The branch head of a repository on this disk, read where it is, as upload-pack would (a process less for
     * each status, each poll of a daemon and each fetch that finds nothing new); null if the branch does not exist.
     */
    private static ObjectId headOnDisk(VaultRepo vault, Path gitDir, Remote remote, long start) {
        try (Repository r = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            Ref ref = r.exactRef(vault.branchRef());
            return ref == null ? null : ref.getObjectId();
        } catch (IOException | RuntimeException e) {
            throw remote.failure(e, Op.LS_REMOTE, start);
        }
    }

    /** Whether the tracking ref is at {@code head} (null: neither exists) and this clone has its objects. */
    private static boolean fetchedAlready(VaultRepo vault, ObjectId head) {
        try {
            return Objects.equals(head, vault.tracking()) && (head == null || vault.repository().getObjectDatabase().has(head));
        } catch (IOException e) {
            return false; // the fetch says what is wrong
        }
    }

    /** The remote's branch head without fetching anything (ls-remote); null if the branch does not exist. */
    public static ObjectId peek(VaultRepo vault) {
        Remote remote = remote(vault);
        long start = System.nanoTime();
        Optional<Path> onDisk = LocalClone.gitDirOf(vault.remoteUrl());
        if (onDisk.isPresent()) return headOnDisk(vault, onDisk.get(), remote, start);
        try (Transport t = Transport.open(vault.repository(), VaultRepo.REMOTE)) {
            configure(vault, remote, t);
            try (var conn = t.openFetch()) {
                Ref r = conn.getRef(vault.branchRef());
                return r == null ? null : r.getObjectId();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw remote.failure(e, Op.LS_REMOTE, start);
        }
    }

    /** Moves the remote branch from {@code expectedOld} (null: must not exist) to {@code tip}. */
    public static PushOutcome push(VaultRepo vault, ObjectId tip, ObjectId expectedOld) {
        return push(vault, tip, expectedOld, NullProgressMonitor.INSTANCE);
    }

    /** As above, telling {@code monitor} how the transfer goes (a CLI command's push, on a terminal). */
    public static PushOutcome push(VaultRepo vault, ObjectId tip, ObjectId expectedOld, ProgressMonitor monitor) {
        Remote remote = remote(vault);
        long start = System.nanoTime();
        try (Transport t = Transport.open(vault.repository(), VaultRepo.REMOTE)) {
            configure(vault, remote, t);
            RemoteRefUpdate u = new RemoteRefUpdate(vault.repository(), (String) null, tip, vault.branchRef(), false,
                    vault.trackingRef(), expectedOld == null ? ObjectId.zeroId() : expectedOld);
            PushResult result = t.push(monitor, List.of(u));
            RemoteRefUpdate done = result.getRemoteUpdate(vault.branchRef());
            String message = done.getMessage() == null ? "" : oneLine(done.getMessage());
            return switch (done.getStatus()) {
                case OK, UP_TO_DATE -> new PushOutcome.Pushed(tip);
                case REJECTED_OTHER_REASON -> {
                    if (PushRefusal.isRace(message)) yield new PushOutcome.Rejected(done.getStatus().name(), message);
                    throw new RemoteException(Failures.pushRefused(remote.url(), done.getStatus().name(), message), null);
                }
                default -> new PushOutcome.Rejected(done.getStatus().name(), message);
            };
        } catch (RemoteException e) {
            throw e;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw remote.failure(e, Op.PUSH, start);
        }
    }

    private static void configure(VaultRepo vault, Remote remote, Transport t) {
        remote.configure(t);
        vault.session().localServer().configure(t);
    }

    static String oneLine(String m) {
        return Redact.text(m.replaceAll("\\s+", " ").trim());
    }
}
