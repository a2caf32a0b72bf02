package io.vaultsync.transport;

import io.vaultsync.config.RemoteAccess;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The built-in SSH transport (Apache MINA sshd through JGit), set up as OpenSSH would be for the user
 * whose {@code $HOME} this is: {@code ~/.ssh/config}, {@code ~/.ssh/known_hosts} and the default identities,
 * or the files the agent settings name, and the ssh-agent of {@code SSH_AUTH_SOCK}. Host keys are checked strictly: an unknown or changed key is
 * refused (never asked about, never added), and the refusal is kept so the failure can name the key.
 * One factory per distinct set-up, kept in a {@link Pool} for as long as its owner lives; the connections it makes
 * are kept a few seconds after use and used again ({@link SshConnections}).
 */
public final class SshSessions {
    private static final List<String> DEFAULT_IDENTITIES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    /** A host key the last connections refused: where, its fingerprint, and whether another key was known. */
    public record HostKeyRefusal(String host, String fingerprint, boolean changed, long atNanos) {}

    private record Setup(Path home, Path sshKey, Path knownHosts, Path passphraseFile) {}

    private final SshConnections factory;
    private final List<HostKeyRefusal> refusals = new CopyOnWriteArrayList<>();

    private SshSessions(Setup s) {
        Path sshDir = s.home().resolve(".ssh");
        List<Path> knownHosts = s.knownHosts() != null ? List.of(s.knownHosts())
                : List.of(sshDir.resolve("known_hosts"), sshDir.resolve("known_hosts2"));
        SshdSessionFactoryBuilder b = new SshdSessionFactoryBuilder()
                .setHomeDirectory(s.home().toFile())
                .setSshDirectory(sshDir.toFile())
                .setDefaultKnownHostsFiles(d -> knownHosts)
                .setDefaultIdentities(d -> s.sshKey() != null ? List.of(s.sshKey()) : defaultIdentities(d))
                .setServerKeyDatabase((home, dir) -> new StrictHostKeys(new OpenSshServerKeyDatabase(false, knownHosts)))
                .setConnectorFactory(new AgentSocket(System.getenv()));
        if (s.passphraseFile() != null) b.setKeyPasswordProvider(cp -> new FilePassphrase(s.passphraseFile()));
        this.factory = new SshConnections(b.build(null));
    }

    /** The factories one owner (an agent's {@code GitSession}) made, one per distinct set-up. */
    public static final class Pool {
        private final Map<Setup, SshSessions> bySetup = new ConcurrentHashMap<>();

        /** The factory for this home and these settings. */
        public SshSessions of(Path home, RemoteAccess access) {
            Setup s = new Setup(home.toAbsolutePath().normalize(), abs(access.sshKey()), abs(access.knownHosts()),
                    abs(access.sshPassphraseFile()));
            return bySetup.computeIfAbsent(s, SshSessions::new);
        }
    }

    /** Opens the SSH connections of this set-up, and keeps each one for a few seconds to use it again ({@link SshConnections}). */
    public SshSessionFactory factory() {
        return factory;
    }

    /** The newest host key refused since {@code sinceNanos} ({@link System#nanoTime()}), if any. */
    public Optional<HostKeyRefusal> refusedSince(long sinceNanos) {
        HostKeyRefusal last = null;
        for (HostKeyRefusal r : refusals) {
            if (r.atNanos() - sinceNanos >= 0 && (last == null || r.atNanos() - last.atNanos() >= 0)) last = r;
        }
        return Optional.ofNullable(last);
    }

    private static List<Path> defaultIdentities(File sshDir) {
        List<Path> ids = new ArrayList<>();
        for (String name : DEFAULT_IDENTITIES) {
            Path p = sshDir.toPath().resolve(name);
            if (Files.isRegularFile(p)) ids.add(p);
        }
        return ids;
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** OpenSSH's known_hosts check, never asking and never adding; a refusal is remembered with its key. */
    private final class StrictHostKeys implements ServerKeyDatabase {
        private final ServerKeyDatabase known;

        StrictHostKeys(ServerKeyDatabase known) {
            this.known = known;
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return known.lookup(connectAddress, remoteAddress, config);
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration config, CredentialsProvider provider) {
            // no provider: an unknown or changed key is refused, whatever "ask" would have asked
            if (known.accept(connectAddress, remoteAddress, serverKey, config, null)) return true;
            boolean changed = !known.lookup(connectAddress, remoteAddress, config).isEmpty();
            refusals.add(new HostKeyRefusal(connectAddress, KeyUtils.getFingerPrint(serverKey), changed, System.nanoTime()));
            while (refusals.size() > 16) refusals.remove(0);
            return false;
        }
    }

    /** A key's passphrase read from a file (the agent setting {@code ssh_passphrase_file}); one attempt. */
    private static final class FilePassphrase implements KeyPasswordProvider {
        private final Path file;
        private int attempts = 1;

        FilePassphrase(Path file) {
            this.file = file;
        }

        @Override
        public char[] getPassphrase(URIish uri, int attempt) throws IOException {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.strip().toCharArray();
        }

        @Override
        public void setAttempts(int n) {
            attempts = n;
        }

        @Override
        public int getAttempts() {
            return attempts;
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            return false; // a wrong passphrase in a file does not get better by asking again
        }
    }
}
