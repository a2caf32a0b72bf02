package io.vaultsync.transport;

import io.vaultsync.config.RemoteAccess;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.Failures.Op;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;

/**
 * One remote as this agent reaches it: the URL, the access settings, the repository's git config and the
 * environment. Configures every JGit transport opened to it (time limit, SSH or the system's ssh, HTTPS
 * credentials and CA) and turns a transport exception into a {@link RemoteException} of the right class.
 */
public final class Remote implements TransportConfigCallback {
    private final String url;
    private final RemoteAccess access;
    private final Config config;
    private final Path workDir;
    private final Map<String, String> env;
    private final Path home;
    private final HttpCredentials.Login preset;
    private final SshSessions.Pool sshPool;

    /** A remote reached once (init): its SSH clients are its own. */
    public Remote(String url, RemoteAccess access, Config config, Path workDir) {
        this(url, access, config, workDir, new SshSessions.Pool());
    }

    /** A remote whose SSH clients come from {@code ssh}, kept by an agent across its cycles. */
    public Remote(String url, RemoteAccess access, Config config, Path workDir, SshSessions.Pool ssh) {
        this(url, access, config, workDir, System.getenv(), GitEnvironment.home(), null, ssh);
    }

    Remote(String url, RemoteAccess access, Config config, Path workDir, Map<String, String> env, Path home,
            HttpCredentials.Login preset, SshSessions.Pool ssh) {
        this.url = url;
        this.sshPool = ssh;
        this.access = access;
        this.config = config;
        this.workDir = workDir;
        this.env = env;
        this.home = home;
        this.preset = preset;
    }

    /** This remote, with a user name and password known before any file holds them (init, from the URL). */
    public Remote withPreset(String user, String password) {
        if (password == null) return this;
        var pair = new HttpCredentials.Login(user == null ? HttpCredentials.TOKEN_USER : user, password.toCharArray());
        return new Remote(url, access, config, workDir, env, home, pair, sshPool);
    }

    public String url() {
        return url;
    }

    /** The URL as it may be shown. */
    public String shownUrl() {
        return Redact.url(url);
    }

    public RemoteAccess access() {
        return access;
    }

    public int timeoutSeconds() {
        return access.timeoutSeconds();
    }

    @Override
    public void configure(Transport t) {
        t.setTimeout(access.timeoutSeconds());
        if (t instanceof SshTransport ssh) {
            SshdAuthTimeout.set(access.networkTimeout());
            ExternalSsh external = ExternalSsh.chosen(env, config);
            ssh.setSshSessionFactory(external != null ? external : sshPool.of(home, access).factory());
        }
        if (t instanceof TransportHttp http) {
            CaTrust ca = CaTrust.forUrl(url, config, env, home);
            if (ca != null) http.setHttpConnectionFactory(ca);
            t.setCredentialsProvider(new HttpCredentials(access, home, workDir, preset));
        }
    }

    /** The failure {@code e} is, for an operation started at {@code startNanos}. */
    public RemoteException failure(Exception e, Op op, long startNanos) {
        return new RemoteException(classify(e, op, startNanos), e);
    }

    public TransportFailure classify(Exception e, Op op, long startNanos) {
        TransportFailure f = classifyCause(e, op, startNanos);
        long elapsed = System.nanoTime() - startNanos;
        if (f.kind() == TransportFailure.Kind.UNREACHABLE && elapsed >= access.networkTimeout().toNanos() * 9 / 10) {
            return new TransportFailure(f.kind(), "remote " + shownUrl() + " did not answer within "
                    + access.timeoutSeconds() + " s (network_timeout)", f.fix());
        }
        return f;
    }

    private TransportFailure classifyCause(Exception e, Op op, long startNanos) {
        URIish u = uri();
        boolean http = u != null && u.getScheme() != null && u.getScheme().toLowerCase().startsWith("http");
        boolean ssh = u != null && !http && u.getHost() != null;
        String host = u == null || u.getHost() == null ? shownUrl()
                : u.getPort() > 0 && u.getPort() != 22 ? "[" + u.getHost() + "]:" + u.getPort() : u.getHost();
        Optional<SshSessions.HostKeyRefusal> refusal = ssh && ExternalSsh.chosen(env, config) == null
                ? sshPool.of(home, access).refusedSince(startNanos) : Optional.empty();
        return Failures.classify(e, op, url, host, http, refusal);
    }

    public URIish uri() {
        try {
            return new URIish(url);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
