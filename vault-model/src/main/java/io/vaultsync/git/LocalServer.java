package io.vaultsync.git;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * For a remote that is a repository on this machine's disk, serve it with C git's upload-pack and
 * receive-pack when C git is installed, as an SSH or HTTP host would. JGit's in-process server keeps one
 * pack per push and never repacks, so a busy bare remote slows every fetch and push down as it grows;
 * C git unpacks small pushes, verifies incoming objects and runs its automatic gc. Without C git, JGit's
 * own server is used (whether C git is on the PATH is asked once per {@link GitSession}). Remotes over the
 * network are left alone (the host decides what serves them).
 */
final class LocalServer {
    static final String UPLOAD_PACK = "git upload-pack --strict";
    static final String RECEIVE_PACK = "git -c receive.fsckObjects=true receive-pack";
    private volatile Boolean available;

    void configure(Transport t) {
        if (isLocal(t.getURI()) && cGitAvailable()) {
            t.setOptionUploadPack(UPLOAD_PACK);
            t.setOptionReceivePack(RECEIVE_PACK);
        }
    }

    /** A path or a {@code file://} URL: served by a process on this machine, which we start. */
    static boolean isLocal(URIish uri) {
        return (uri.getScheme() == null || "file".equals(uri.getScheme())) && uri.getHost() == null;
    }

    boolean cGitAvailable() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    /** A {@code git} program on the PATH: looked up as a shell would, without starting it (a command's start-up pays for this). */
    private static boolean probe() {
        if (Boolean.getBoolean("vaultsync.inProcessServer")) return false;
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path git = Path.of(dir, "git");
            if (Files.isRegularFile(git) && Files.isExecutable(git)) return true;
        }
        return false;
    }
}
