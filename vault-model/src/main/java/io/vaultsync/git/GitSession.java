package io.vaultsync.git;

import io.vaultsync.transport.SshSessions;

/**
 * What an agent keeps between the times it opens a vault: which index files it knows to be free of
 * conflict stages, whether C git can serve a remote on this disk, and the SSH clients of its remotes.
 * A daemon holds one for its life (its {@code SyncCycle} does), so a cycle reuses what the ones before
 * it learned; a one-shot command gets a fresh one with every {@link VaultRepo#open(java.nio.file.Path, String)}.
 */
public final class GitSession {
    private final CleanIndex cleanIndex = new CleanIndex();
    private final LocalServer localServer = new LocalServer();
    private final SshSessions.Pool ssh = new SshSessions.Pool();

    CleanIndex cleanIndex() {
        return cleanIndex;
    }

    LocalServer localServer() {
        return localServer;
    }

    /** The SSH clients of the remotes reached in this session, one per set-up. */
    public SshSessions.Pool ssh() {
        return ssh;
    }
}
