package io.vaultsync.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FtpChannel;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.RemoteSession2;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSession;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH connections kept for a short while and used again, as OpenSSH's {@code ControlPersist} would: a fetch, the
 * push after it and a daemon's next poll go over the connection the first of them opened, so they pay for one key
 * exchange and one authentication, not one each. A connection serves one transport at a time (another one at the
 * same moment gets a connection of its own); after use it is kept for {@link #KEEP} at most and closed when it is
 * found older; one the server closed is not used again (and its client is stopped at the next use). A kept connection that cannot start a command (the server
 * went away meanwhile) is replaced once by a new one, on which the command starts: a command that did not start did
 * nothing. Host keys are checked when a connection is made, as before.
 */
final class SshConnections extends SshSessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnections.class);
    /** How long a connection is kept unused: a cycle's fetch and push, and a daemon's polls a second apart. */
    static final Duration KEEP = Duration.ofSeconds(10);
    private static final long SWEEP_SLACK_NANOS = 50_000_000;

    private final SshdSessionFactory connect;
    private final long keepNanos;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private final Map<Key, Kept> kept = new HashMap<>(); // guarded by this
    private long made; // connections opened, for the tests; guarded by this

    SshConnections(SshdSessionFactory connect) {
        this(connect, KEEP, System::nanoTime, System::currentTimeMillis);
    }

    /**
     * Kept for {@code keep} by both clocks: the monotonic one stands still while the machine sleeps, and a connection
     * from before a suspend is not one to trust; the wall clock can be set back, and then the other one counts.
     */
    SshConnections(SshdSessionFactory connect, Duration keep, LongSupplier nanoTime, LongSupplier wallMillis) {
        this.connect = connect;
        this.keepNanos = keep.toNanos();
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
    }

    /** Where a connection goes and as whom: connections are used again only for the same. */
    private record Key(String user, String host, int port, CredentialsProvider credentials) {
        static Key of(URIish uri, CredentialsProvider credentials) {
            return new Key(uri.getUser(), uri.getHost(), uri.getPort(), credentials);
        }
    }

    /** A connection and whether the server (or anyone) has closed it. */
    private static final class Connection {
        final SshdSession session;
        volatile boolean closed;

        Connection(SshdSession session) {
            this.session = session;
        }
    }

    private record Kept(Connection connection, long sinceNanos, long sinceMillis) {}

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int tms) throws TransportException {
        Key key = Key.of(uri, credentials);
        Connection reuse = take(key);
        return new Lease(key, reuse != null ? reuse : open(uri, credentials, fs, tms), reuse != null, uri, credentials, fs, tms);
    }

    @Override
    public void releaseSession(RemoteSession session) {
        if (session instanceof Lease lease) lease.release();
        else session.disconnect();
    }

    @Override
    public String getType() {
        return "vaultsync-kept-ssh";
    }

    /** How many connections this has opened (each one a key exchange and an authentication). */
    synchronized long connectionsMade() {
        return made;
    }

    private Connection open(URIish uri, CredentialsProvider credentials, FS fs, int tms) throws TransportException {
        Connection c = new Connection(connect.getSession(uri, credentials, fs, tms));
        c.session.addCloseListener(s -> dropped(c));
        synchronized (this) {
            made++;
        }
        return c;
    }

    /** A kept connection for {@code key} that is neither closed nor too old, taken out of the kept ones. */
    private Connection take(Key key) {
        List<Connection> old = new ArrayList<>();
        Connection found;
        synchronized (this) {
            expire(old);
            Kept k = kept.remove(key);
            found = k == null ? null : k.connection();
        }
        close(old);
        return found;
    }

    private void keep(Key key, Connection c) {
        List<Connection> old = new ArrayList<>();
        boolean kept;
        synchronized (this) {
            expire(old);
            kept = !c.closed;
            if (!kept) {
                old.add(c);
            } else {
                Kept before = this.kept.put(key, new Kept(c, nanoTime.getAsLong(), wallMillis.getAsLong()));
                if (before != null) old.add(before.connection()); // one kept per place is enough
            }
        }
        close(old);
        // closed once its time is up even if nothing comes to use it again (an agent that stopped syncing, a
        // one-off remote of init's): its client's threads end with it
        if (kept) Sweeper.after(keepNanos + SWEEP_SLACK_NANOS, this::sweep);
    }

    private void sweep() {
        List<Connection> old = new ArrayList<>();
        synchronized (this) {
            expire(old);
        }
        close(old);
    }

    private void expire(List<Connection> out) {
        long now = nanoTime.getAsLong();
        long wall = wallMillis.getAsLong();
        kept.values().removeIf(k -> {
            boolean gone = k.connection().closed || now - k.sinceNanos() >= keepNanos
                    || (wall - k.sinceMillis()) * 1_000_000 >= keepNanos;
            if (gone) out.add(k.connection());
            return gone;
        });
    }

    /**
     * Told by the connection (on its I/O thread) that it closed: marked, and disconnected by the next use of this
     * (which stops its client's threads; not here, where stopping would wait for this very thread).
     */
    private static void dropped(Connection c) {
        c.closed = true;
    }

    private static void close(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.session.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("closing a kept SSH connection: {}", e.toString());
            }
        }
    }

    /** One transport's use of a connection: given back when the transport is done with it, not closed. */
    private final class Lease implements RemoteSession2 {
        private final Key key;
        private final URIish uri;
        private final CredentialsProvider credentials;
        private final FS fs;
        private final int tms;
        private Connection connection;
        private boolean reused;
        private boolean over;

        Lease(Key key, Connection connection, boolean reused, URIish uri, CredentialsProvider credentials, FS fs, int tms) {
            this.key = key;
            this.connection = connection;
            this.reused = reused;
            this.uri = uri;
            this.credentials = credentials;
            this.fs = fs;
            this.tms = tms;
        }

        @Override
        public Process exec(String command, int timeout) throws IOException {
            return start(s -> s.exec(command, timeout));
        }

        @Override
        public Process exec(String command, Map<String, String> environment, int timeout) throws IOException {
            return start(s -> s.exec(command, environment, timeout));
        }

        private Process start(Start start) throws IOException {
            try {
                return start.on(connection.session);
            } catch (IOException | RuntimeException e) {
                if (!reused) throw e;
                LOG.debug("a kept SSH connection to {} could not start a command ({}): a new connection", uri.getHost(),
                        e.toString());
                connection.closed = true;
                close(List.of(connection));
                connection = open(uri, credentials, fs, tms);
                reused = false;
                return start.on(connection.session);
            }
        }

        @Override
        public FtpChannel getFtpChannel() {
            return connection.session.getFtpChannel();
        }

        /** Closes the connection for good (JGit gives a session back through {@link #releaseSession} instead). */
        @Override
        public void disconnect() {
            if (over) return;
            over = true;
            connection.closed = true;
            close(List.of(connection));
        }

        void release() {
            if (over) return;
            over = true;
            keep(key, connection);
        }
    }

    /** One daemon thread for the JVM that closes connections whose time is up. */
    private static final class Sweeper {
        private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vaultsync-ssh-keep");
            t.setDaemon(true);
            return t;
        });

        static void after(long nanos, Runnable task) {
            THREAD.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.debug("closing kept SSH connections: {}", e.toString());
                }
            }, nanos, TimeUnit.NANOSECONDS);
        }
    }

    @FunctionalInterface
    private interface Start {
        Process on(SshdSession session) throws IOException;
    }
}
