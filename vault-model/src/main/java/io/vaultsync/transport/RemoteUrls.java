package io.vaultsync.transport;

import java.nio.file.Path;
import org.eclipse.jgit.transport.URIish;

/** Comparing the remotes that {@code init} is given with those a clone already has. */
public final class RemoteUrls {
    private RemoteUrls() {
    }

    /** Whether two remote URLs (or paths) name the same repository: paths by their real path, URLs as git parses them. */
    public static boolean same(String a, String b) {
        if (a.equals(b)) return true;
        try {
            Path pa = localPath(a);
            Path pb = localPath(b);
            if (pa != null && pb != null) {
                return pa.toRealPath().equals(pb.toRealPath());
            }
            return new URIish(a).equals(new URIish(b));
        } catch (Exception e) {
            return false;
        }
    }

    private static Path localPath(String url) {
        if (url.startsWith("file://")) return Path.of(java.net.URI.create(url));
        if (url.contains("://") || url.matches("^[^/]+@[^:]+:.*")) return null;
        return Path.of(url).toAbsolutePath();
    }
}
