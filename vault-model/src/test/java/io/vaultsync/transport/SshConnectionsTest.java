package io.vaultsync.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.RemoteAccess;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.servers.SshGitServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real OpenSSH server on 127.0.0.1: the commands of a cycle (push, fetch, ls-remote) share one SSH
 * connection, as sshd's own log counts them; a connection kept too long, closed by the server, or in use by another
 * transport is not used, and every command still runs.
 */
class SshConnectionsTest {
    @TempDir
    Path root;

    SshGitServer server;
    Path bare;
    Path home;
    Git local;

    @BeforeEach
    void start() throws Exception {
        server = SshGitServer.startWithClassicKex(root.resolve("sshd"));
        bare = server.createBareRepo("vault");
        home = root.resolve("home");
        server.installClientFiles(home);
        local = Git.init().setDirectory(root.resolve("local").toFile()).setInitialBranch("main").call();
        local.getRepository().getConfig().setString("user", null, "name", "t");
        local.getRepository().getConfig().setString("user", null, "email", "t@example.invalid");
    }

    @AfterEach
    void stop() {
        local.close();
        server.close();
    }

    @Test
    void aPushTheFetchAfterItAndAPollGoOverOneConnection() throws Exception {
        SshSessionFactory ssh = new SshSessions.Pool().of(home, RemoteAccess.DEFAULT).factory();

        RevCommit c = commit("a.md");
        push(ssh);
        local.fetch().setRemote(url()).setRefSpecs("+refs/heads/main:refs/remotes/origin/main")
                .setTransportConfigCallback(t -> use(t, ssh)).call();
        assertThat(head(ssh)).isEqualTo(c.name());

        assertThat(accepted()).as("connections the server accepted").isEqualTo(1);
        assertThat(local.getRepository().exactRef("refs/remotes/origin/main").getObjectId()).isEqualTo(c.getId());
    }

    @Test
    void aConnectionKeptLongerThanTheKeepIsClosedAndTheNextCommandOpensAnother() throws Exception {
        AtomicLong nanos = new AtomicLong();
        AtomicLong wall = new AtomicLong(1_000_000);
        SshConnections ssh = new SshConnections(factory(), Duration.ofSeconds(10), nanos::get, wall::get);
        commit("a.md");
        push(ssh);
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        wall.addAndGet(9_000);
        head(ssh);
        assertThat(ssh.connectionsMade()).as("used again 9 s after").isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        wall.addAndGet(10_000);
        head(ssh);
        assertThat(ssh.connectionsMade()).as("10 s unused: a new one").isEqualTo(2);

        wall.addAndGet(3_600_000); // the machine slept an hour: the monotonic clock did not move
        head(ssh);
        assertThat(ssh.connectionsMade()).as("kept from before a suspend: a new one").isEqualTo(3);

        wall.addAndGet(-7_200_000); // the wall clock set back two hours
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        head(ssh);
        assertThat(ssh.connectionsMade()).as("11 s by the monotonic clock: a new one").isEqualTo(4);
        assertThat(accepted()).isEqualTo(4);
    }

    /** Whether the client saw the close first or found the connection dead when starting the command, it runs. */
    @Test
    void aKeptConnectionTheServerDroppedIsReplacedAndTheCommandRuns() throws Exception {
        SshConnections ssh = new SshConnections(factory());
        commit("a.md");
        push(ssh);
        for (int i = 0; i < 5; i++) {
            server.restart(); // kills every session it forked: the kept connection with them
            RevCommit c = commit("b" + i + ".md");
            push(ssh);
            assertThat(head(ssh)).as("round %d", i).isEqualTo(c.name());
        }
        assertThat(ssh.connectionsMade()).isEqualTo(6);
        // the connections the server closed were let go: their clients' threads end, the kept one's stay
        Await.until("the threads of one SSH client at most", Duration.ofSeconds(30), () -> clientsRunning() <= 1);
    }

    /**
     * A kept connection is closed once its time is up even if nothing comes to use it again (an agent that stopped
     * syncing, or init's one-off remote): the server sees it go, and no client thread is left in this JVM.
     */
    @Test
    void aKeptConnectionIsClosedWhenItsTimeIsUpThoughNothingUsesItAgain() throws Exception {
        SshConnections ssh = new SshConnections(factory(), Duration.ofMillis(500), System::nanoTime, System::currentTimeMillis);
        commit("a.md");
        push(ssh);
        assertThat(ssh.connectionsMade()).isEqualTo(1);
        assertThat(serverSessions()).as("the server's process for the connection").isPositive();
        Await.until("the server's process for the connection to end", Duration.ofSeconds(30), () -> serverSessions() == 0);
        Await.until("no SSH client thread left", Duration.ofSeconds(30), () -> clientsRunning() == 0);
    }

    /**
     * A kept connection whose server side no longer answers (its sshd process frozen, the connection still up, as
     * after a network change): the command that finds it so within its time limit starts on a new connection.
     */
    @Test
    void aKeptConnectionThatNoLongerAnswersIsReplacedWithinTheTimeLimit() throws Exception {
        SshConnections ssh = new SshConnections(factory());
        commit("a.md");
        push(ssh);
        String listener = Files.readString(root.resolve("sshd/sshd.pid")).strip();
        signalChildren("STOP", listener); // the kept connection's session process; the listener still accepts
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url()).setHeads(true).setTimeout(3)
                    .setTransportConfigCallback(t -> use(t, ssh)).call();
            assertThat(refs).extracting(Ref::getName).contains("refs/heads/main");
            assertThat(ssh.connectionsMade()).isEqualTo(2);
        } finally {
            signalChildren("CONT", listener);
        }
    }

    @Test
    void twoTransportsAtOnceEachGetAConnectionOfTheirOwn() throws Exception {
        SshConnections ssh = new SshConnections(factory());
        commit("a.md");
        push(ssh);
        try (Transport a = open(ssh); FetchConnection fa = a.openFetch(); Transport b = open(ssh);
                FetchConnection fb = b.openFetch()) {
            assertThat(fa.getRef("refs/heads/main").getObjectId()).isEqualTo(fb.getRef("refs/heads/main").getObjectId());
        }
        assertThat(ssh.connectionsMade()).isEqualTo(2);
        head(ssh);
        assertThat(ssh.connectionsMade()).as("a kept one used").isEqualTo(2);
    }

    // ---- helpers

    /** JGit's factory for the test's home, without the agent's wrapping (so a test can give the clocks). */
    private SshdSessionFactory factory() {
        return new SshdSessionFactoryBuilder().setHomeDirectory(home.toFile()).setSshDirectory(home.resolve(".ssh").toFile())
                .build(null);
    }

    private String url() {
        return server.sshUrl(bare);
    }

    private RevCommit commit(String file) throws Exception {
        Files.writeString(local.getRepository().getWorkTree().toPath().resolve(file), file + "\n");
        local.add().addFilepattern(file).call();
        return local.commit().setMessage(file).setSign(false).call();
    }

    private void push(SshSessionFactory ssh) throws Exception {
        local.push().setRemote(url()).setRefSpecs(new org.eclipse.jgit.transport.RefSpec("refs/heads/main:refs/heads/main"))
                .setTransportConfigCallback(t -> use(t, ssh)).call()
                .forEach(r -> r.getRemoteUpdates().forEach(u -> assertThat(u.getStatus().name()).isEqualTo("OK")));
    }

    /** The remote's main, by ls-remote. */
    private String head(SshSessionFactory ssh) throws Exception {
        Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url()).setHeads(true)
                .setTransportConfigCallback(t -> use(t, ssh)).call();
        return refs.stream().filter(r -> r.getName().equals("refs/heads/main")).findFirst().orElseThrow().getObjectId().name();
    }

    private Transport open(SshSessionFactory ssh) throws Exception {
        Transport t = Transport.open(local.getRepository(), new URIish(url()));
        use(t, ssh);
        return t;
    }

    private static void use(Transport t, SshSessionFactory ssh) {
        ((SshTransport) t).setSshSessionFactory(ssh);
    }

    /** How many processes sshd has forked and not reaped: one (or two) per open connection. */
    private long serverSessions() {
        try {
            long listener = Long.parseLong(Files.readString(root.resolve("sshd/sshd.pid")).strip());
            return ProcessHandle.of(listener).orElseThrow().children().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code signal} to the processes sshd forked so far (one per connection). */
    private static void signalChildren(String signal, String parent) throws Exception {
        Process p = new ProcessBuilder("pkill", "-" + signal, "-P", parent).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("pkill -%s -P %s", signal, parent).isZero();
    }

    /** How many SSH clients have threads in this JVM (MINA names them {@code sshd-JGitSshClient[ID]-...}). */
    private static long clientsRunning() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith("sshd-JGitSshClient["))
                .map(n -> n.substring(0, n.indexOf(']') + 1)).distinct().count();
    }

    /** How many times the server let a client in (its log's "Accepted publickey" lines). */
    private long accepted() {
        return log().lines().filter(l -> l.contains("Accepted publickey")).count();
    }

    private String log() {
        try {
            return Files.readString(server.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
