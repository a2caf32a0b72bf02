package io.vaultsync.doctor;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.transport.Failures;
import io.vaultsync.transport.Remote;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.Transport;

/**
 * Asks the remote, the way a sync does: an ls-remote of the branch, then a push connection opened and closed
 * again without sending anything (the server checks the right to push when the connection opens). Turns the
 * answers into lines with {@link RemoteLines}.
 */
final class RemoteProbe {
    private RemoteProbe() {}

    static List<Check> check(VaultRepo vault) {
        Remote remote = RemoteBranch.remote(vault);
        RemoteLines.Via via = RemoteLines.Via.of(remote.uri());
        Optional<TransportFailure> failure = Optional.empty();
        ObjectId head = null;
        try {
            head = RemoteBranch.peek(vault);
        } catch (RemoteException e) {
            failure = Optional.of(e.failure());
        }
        List<Check> lines = new ArrayList<>(RemoteLines.reach(via, remote.shownUrl(), vault.branch(), failure,
                head == null ? null : head.name()));
        boolean reached = lines.stream().noneMatch(Check::failed);
        lines.add(reached ? RemoteLines.push(openPush(vault, remote)) : RemoteLines.pushNotChecked());
        return lines;
    }

    /**
     * Opens a push connection and closes it: the server has advertised its refs and accepted (or refused) the
     * credentials for receive-pack, and nothing was sent. A remote on this disk is served by JGit in-process
     * here (the C git server the agents use for it is set up inside the git package).
     */
    @SuppressWarnings("try") // the connection is opened to be refused or accepted, not used
    private static Optional<TransportFailure> openPush(VaultRepo vault, Remote remote) {
        long start = System.nanoTime();
        try (Transport t = Transport.open(vault.repository(), VaultRepo.REMOTE)) {
            remote.configure(t);
            try (PushConnection c = t.openPush()) {
                return Optional.empty();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.of(remote.classify(e, Failures.Op.PUSH, start));
        }
    }
}
