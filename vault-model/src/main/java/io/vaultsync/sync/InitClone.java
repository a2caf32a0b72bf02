package io.vaultsync.sync;

import io.vaultsync.Parallel;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.FreshCheckout;
import io.vaultsync.git.LocalClone;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.progress.JGitProgress;
import io.vaultsync.progress.Progress;
import io.vaultsync.transport.Failures;
import io.vaultsync.transport.InitialRemote;
import io.vaultsync.transport.Remote;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * How {@code init} reads a remote's branches and clones it: a repository on this disk directly (its refs
 * read, its object files taken by {@link LocalClone}, as {@code git clone PATH} does), any other through
 * JGit's transport; then the head checked out by {@link FreshCheckout}.
 */
final class InitClone {
    /** How the objects came: {@code PATH}, the files of a repository on this disk; {@code TRANSPORT}, a pack. */
    enum Via { PATH, TRANSPORT }

    private InitClone() {}

    /** The remote's branches ({@code refs/heads/*}); none for an empty remote. */
    static Collection<Ref> branches(Remote remote) throws GitAPIException, IOException {
        Optional<Path> local = LocalClone.gitDirOf(remote.url());
        if (local.isPresent()) {
            try (Repository r = new FileRepositoryBuilder().setGitDir(local.get().toFile()).setMustExist(true).build()) {
                return r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
            }
        }
        long start = System.nanoTime();
        try {
            return Git.lsRemoteRepository().setRemote(remote.url()).setHeads(true).setTimeout(remote.timeoutSeconds())
                    .setTransportConfigCallback(remote).call();
        } catch (org.eclipse.jgit.api.errors.InvalidRemoteException | org.eclipse.jgit.api.errors.TransportException e) {
            throw remote.failure(e, Failures.Op.LS_REMOTE, start);
        }
    }

    /** Clones the branch of {@code s} into {@code vault} (absent or empty) and checks it out. */
    static Via cloneAndCheckout(Path vault, AgentSettings s, InitialRemote given, Progress progress)
            throws GitAPIException, IOException {
        Optional<Path> local = LocalClone.gitDirOf(s.remote());
        Via via = Via.PATH;
        if (local.isEmpty() || !LocalClone.cloneInto(vault, local.get(), s.remote(), s.branch())) {
            transport(vault, s, given.remote(), progress);
            via = Via.TRANSPORT;
        }
        try (Repository r = new FileRepositoryBuilder().setWorkTree(vault.toFile())
                .setGitDir(vault.resolve(Constants.DOT_GIT).toFile()).setMustExist(true).build()) {
            VaultRepo.configure(r);
            // after the configure: the files are written with the clone's settings, not a person's global ones
            FreshCheckout.run(r, Parallel.threads(), progress);
        }
        return via;
    }

    private static void transport(Path vault, AgentSettings s, Remote remote, Progress progress) throws GitAPIException {
        long start = System.nanoTime();
        try (Git git = Git.cloneRepository().setURI(s.remote()).setDirectory(vault.toFile())
                .setBranch(Constants.R_HEADS + s.branch()).setBranchesToClone(List.of(Constants.R_HEADS + s.branch()))
                .setCloneAllBranches(false).setTimeout(remote.timeoutSeconds()).setTransportConfigCallback(remote)
                .setNoCheckout(true).setProgressMonitor(JGitProgress.of(progress)).call()) {
            // closed at once: the checkout opens the clone again with the vault's settings
        } catch (org.eclipse.jgit.api.errors.TransportException | org.eclipse.jgit.api.errors.InvalidRemoteException e) {
            throw remote.failure(e, Failures.Op.CLONE, start);
        }
    }
}
