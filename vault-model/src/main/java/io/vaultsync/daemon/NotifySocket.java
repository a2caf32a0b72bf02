package io.vaultsync.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datagram socket systemd listens on ({@code $NOTIFY_SOCKET}): a file path, or an abstract name written
 * {@code @name}. The JDK 17 has no AF_UNIX datagrams, so junixsocket sends them. A failed send is logged (the
 * first one as a warning, later ones at debug level) and never thrown: a supervisor that went away must not
 * stop the agent.
 */
public final class NotifySocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifySocket.class);

    private final String name;
    private final AFUNIXSocketAddress address;
    private final AFUNIXDatagramChannel channel;
    private boolean warned;

    private NotifySocket(String name, AFUNIXSocketAddress address, AFUNIXDatagramChannel channel) {
        this.name = name;
        this.address = address;
        this.channel = channel;
    }

    /**
     * Opens a socket to send to {@code socket} (as {@link NotifyProtocol#socket} accepted it).
     *
     * @throws IOException junixsocket cannot load its native part or make a socket
     */
    public static NotifySocket open(String socket) throws IOException {
        AFUNIXSocketAddress address = socket.startsWith("@")
                ? AFUNIXSocketAddress.inAbstractNamespace(socket.substring(1))
                : AFUNIXSocketAddress.of(Path.of(socket));
        return new NotifySocket(socket, address, AFUNIXDatagramChannel.open());
    }

    /** Sends one message (one datagram); returns whether it went out. */
    public synchronized boolean send(String message) {
        try {
            channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), address);
            LOG.debug("sent {} to {}", message, name);
            return true;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                LOG.warn("cannot notify systemd at {}: {} (further failures are logged at debug level)", name, e.toString());
                warned = true;
            } else {
                LOG.debug("cannot notify systemd at {}: {}", name, e.toString());
            }
            return false;
        }
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
