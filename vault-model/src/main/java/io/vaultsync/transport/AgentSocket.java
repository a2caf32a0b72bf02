package io.vaultsync.transport;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * The ssh-agent, reached over its Unix domain socket with the JDK's own socket channels (no native
 * library): {@code SSH_AUTH_SOCK}, or {@code IdentityAgent} in {@code ~/.ssh/config} ({@code none} turns it
 * off). Keys with a passphrase that the person added to their agent are used without the passphrase ever
 * reaching the agent process.
 */
final class AgentSocket implements ConnectorFactory {
    private static final String ENV = "SSH_AUTH_SOCK";
    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor() {
        @Override
        public String getIdentityAgent() {
            return ENV;
        }

        @Override
        public String getDisplayName() {
            return "ssh-agent (Unix domain socket)";
        }
    };

    private final Map<String, String> env;

    AgentSocket(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Connector create(String identityAgent, File homeDir) {
        String where = identityAgent == null || identityAgent.isBlank() || identityAgent.equals(ENV)
                ? env.get(ENV) : identityAgent;
        if (where != null && where.startsWith("~/")) where = homeDir.toPath().resolve(where.substring(2)).toString();
        return new SocketConnector(where == null || where.isBlank() || where.equals("none") ? null : Path.of(where));
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public String getName() {
        return "vaultsync-unix-socket";
    }

    @Override
    public Collection<ConnectorDescriptor> getSupportedConnectors() {
        return List.of(DESCRIPTOR);
    }

    @Override
    public ConnectorDescriptor getDefaultConnector() {
        return DESCRIPTOR;
    }

    /** One connection to the agent: a request is a length-prefixed message, and so is the answer. */
    private static final class SocketConnector extends AbstractConnector {
        private final Path socket;
        private SocketChannel channel;

        SocketConnector(Path socket) {
            this.socket = socket;
        }

        @Override
        public synchronized boolean connect() throws IOException {
            if (socket == null || !Files.exists(socket)) return false;
            if (channel == null) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    c.connect(UnixDomainSocketAddress.of(socket));
                } catch (IOException e) {
                    c.close();
                    throw e;
                }
                channel = c;
            }
            return true;
        }

        @Override
        public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
            if (channel == null) throw new IOException("not connected to the ssh-agent");
            prepareMessage(command, message);
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) channel.write(out);
            byte[] length = readFully(4);
            return readFully(toLength(command, length));
        }

        private byte[] readFully(int n) throws IOException {
            ByteBuffer in = ByteBuffer.allocate(n);
            while (in.hasRemaining()) {
                if (channel.read(in) < 0) throw new IOException("the ssh-agent closed the connection");
            }
            return in.array();
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }
}
