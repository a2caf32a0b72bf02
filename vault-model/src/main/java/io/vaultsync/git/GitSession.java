package io.vaultsync.git;

import io.vaultsync.git.sign.CommitSigner;
import io.vaultsync.transport.SshSessions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an agent keeps between the times it opens a vault: which index files it knows to be free of
 * conflict stages, whether C git can serve a remote on this disk, the SSH clients of its remotes and the
 * signer of its commits (one per clone: its key read once per session).
 * A daemon holds one for its life (its {@code SyncCycle} does), so a cycle reuses what the ones before
 * it learned; a one-shot command gets a fresh one with every {@link VaultRepo#open(java.nio.file.Path, String)}.
 */
public final class GitSession {
    private final CleanIndex cleanIndex = new CleanIndex();
    private final LocalServer localServer = new LocalServer();
    private final SshSessions.Pool ssh = new SshSessions.Pool();
    private final Map<Path, CommitSigner> signers = new ConcurrentHashMap<>();

    CleanIndex cleanIndex() {
        return cleanIndex;
    }

    LocalServer localServer() {
        return localServer;
    }

    /** The signer of the commits made in the clone {@code gitDir}; its key is made on first use if missing. */
    public CommitSigner signer(Path gitDir) {
        return signers.computeIfAbsent(gitDir.toAbsolutePath().normalize(), CommitSigner::of);
    }

    /** The SSH clients of the remotes reached in this session, one per set-up. */
    public SshSessions.Pool ssh() {
        return ssh;
    }
}
