package io.vaultsync.git.sign;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.policy.SshPublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * An agent's SSH signing key: an ed25519 pair in OpenSSH format at {@code .git/vaultsync/signing_key}
 * (0600, its folder 0700, never synced) and {@code signing_key.pub}. Made with Apache sshd and BouncyCastle,
 * so no {@code ssh-keygen} is needed. The private half is never printed, logged or put in a message: only
 * {@link #publicKey()} leaves this class.
 *
 * @param file      the private key file
 * @param publicKey its public half
 */
public record SigningKey(Path file, SshPublicKey publicKey) {

    public static final String FILE = "signing_key";

    /** The key and whether this call created it. */
    public record Ensured(SigningKey key, boolean created) {}

    /** Where the agent keeps its key in the clone {@code gitDir}. */
    public static Path fileIn(Path gitDir) {
        return gitDir.resolve("vaultsync").resolve(FILE);
    }

    /** The {@code .pub} next to the private key. */
    public Path publicFile() {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    /** The agent's key, if it has one. */
    public static Optional<SigningKey> load(Path gitDir) {
        Path file = fileIn(gitDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SshPublicKey pub = publicOf(readPair(file, file + " (the agent's signing key)"), comment(gitDir));
        SigningKey key = new SigningKey(file, pub);
        key.writePublic();
        return Optional.of(key);
    }

    /** The agent's key, created if it has none (a new vault, or one made before commits were signed). */
    public static Ensured ensure(Path gitDir) {
        return ensure(gitDir, SigningKey::newPair);
    }

    /** As above, a new key being {@code fresh}'s pair. */
    public static Ensured ensure(Path gitDir, Supplier<KeyPair> fresh) {
        Optional<SigningKey> have = load(gitDir);
        if (have.isPresent()) {
            return new Ensured(have.get(), false);
        }
        boolean created = install(gitDir, fresh.get());
        return new Ensured(load(gitDir).orElseThrow(), created);
    }

    private static KeyPair newPair() {
        try {
            return KeyUtils.generateKeyPair(KeyPairs.ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new VaultStateException("cannot make an ed25519 signing key: " + e.getMessage(), e);
        }
    }

    /**
     * A new pair, made on a thread of its own from now on, for {@link #install(Path, Path, Supplier)}: sshd's
     * and BouncyCastle's set-up, the first time a process makes or reads a key, take 0.1-0.2 s, which
     * {@code init} spends while its clone is being made.
     */
    public static Supplier<KeyPair> newPairInBackground() {
        FutureTask<KeyPair> task = new FutureTask<>(SigningKey::newPair);
        Thread t = new Thread(task, "vaultsync-new-key");
        t.setDaemon(true);
        t.start();
        return () -> {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaultStateException("interrupted while making the signing key", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new VaultStateException("cannot make an ed25519 signing key: " + e.getCause(), e.getCause());
            }
        };
    }

    /**
     * Makes {@code given} (an unencrypted OpenSSH ed25519 private key file, {@code init --signing-key}) the
     * agent's key, replacing one it had.
     */
    public static SigningKey use(Path gitDir, Path given) {
        KeyPair pair = readPair(given, given.toString());
        Path file = fileIn(gitDir);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new VaultStateException("cannot replace " + file + ": " + e.getMessage(), e);
        }
        install(gitDir, pair);
        return load(gitDir).orElseThrow();
    }

    /** The agent's key in the clone: {@code given} ({@code init --signing-key}) if not null, else its own or a new one. */
    public static SigningKey install(Path gitDir, Path given) {
        return given != null ? use(gitDir, given) : ensure(gitDir).key();
    }

    /** As above, a new key being {@code fresh}'s pair. */
    public static SigningKey install(Path gitDir, Path given, Supplier<KeyPair> fresh) {
        return given != null ? use(gitDir, given) : ensure(gitDir, fresh).key();
    }

    /**
     * The key {@code rotate-key} moves to (kept as {@code signing_key.next} until {@link #promoteNext}), made
     * now unless an earlier rotation left one.
     */
    public static SigningKey prepareNext(Path gitDir) {
        Path next = nextFile(gitDir);
        if (!Files.isRegularFile(next)) {
            try {
                writeNew(next, newPair(), comment(gitDir));
            } catch (GeneralSecurityException | IOException e) {
                throw new VaultStateException("cannot make a new signing key " + next + ": " + e.getMessage(), e);
            }
        }
        return new SigningKey(next, publicOf(readPair(next, next.toString()), comment(gitDir)));
    }

    /** Makes the prepared next key the agent's key; the one before is kept as {@code signing_key.old}. */
    public static SigningKey promoteNext(Path gitDir) {
        Path file = fileIn(gitDir);
        Path next = nextFile(gitDir);
        try {
            if (Files.isRegularFile(file)) {
                Files.copy(file, file.resolveSibling(FILE + ".old"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new VaultStateException("cannot move to the new signing key: " + e.getMessage(), e);
        }
        return load(gitDir).orElseThrow();
    }

    private static Path nextFile(Path gitDir) {
        return fileIn(gitDir).resolveSibling(FILE + ".next");
    }

    /** Writes the pair as the agent's key unless one appeared meanwhile (another process won: theirs stays). */
    private static boolean install(Path gitDir, KeyPair pair) {
        Path file = fileIn(gitDir);
        Path dir = file.getParent();
        Path tmp = dir.resolve("." + FILE + "-" + UUID.randomUUID() + AtomicFiles.TEMP_SUFFIX);
        try {
            writeNew(tmp, pair, comment(gitDir));
            try {
                Files.createLink(file, tmp); // atomic, and fails when a key is already there
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new VaultStateException("cannot write the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new owner-only private key file (its folder made owner-only too). */
    private static void writeNew(Path target, KeyPair pair, String comment) throws IOException, GeneralSecurityException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Permissions.ownerOnlyDir(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
        Files.createFile(target, Permissions.ownerOnlyFile());
        Files.write(target, out.toByteArray());
    }

    private void writePublic() {
        try {
            byte[] line = (publicKey.line() + "\n").getBytes(StandardCharsets.US_ASCII);
            Path pub = publicFile();
            if (!Files.isRegularFile(pub) || !java.util.Arrays.equals(Files.readAllBytes(pub), line)) {
                AtomicFiles.write(pub, line);
            }
        } catch (IOException e) {
            throw new VaultStateException("cannot write " + publicFile() + ": " + e.getMessage(), e);
        }
    }

    /** The comment the key carries: the clone it was made for, so a person can tell keys apart. */
    private static String comment(Path gitDir) {
        Path vault = gitDir.toAbsolutePath().normalize().getParent();
        String name = vault == null || vault.getFileName() == null ? "vault" : vault.getFileName().toString();
        return "vaultsync@" + name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static SshPublicKey publicOf(KeyPair pair, String comment) {
        String line = PublicKeyEntry.toString(pair.getPublic());
        SshPublicKey parsed = SshPublicKey.parse(line);
        return new SshPublicKey(parsed.type(), parsed.base64(), comment);
    }

    /** One unencrypted ed25519 pair from an OpenSSH private key file; errors never quote the file's bytes. */
    private static KeyPair readPair(Path file, String what) {
        Collection<KeyPair> pairs;
        try (InputStream in = Files.newInputStream(file)) {
            pairs = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, () -> what, null, in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // no cause kept: a parser's message may quote the file
            throw new VaultStateException(what + ": not a readable unencrypted OpenSSH private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (pairs == null || pairs.size() != 1) {
            throw new VaultStateException(what + ": expected exactly one private key in the file");
        }
        KeyPair pair = pairs.iterator().next();
        if (!KeyPairs.ED25519.equals(KeyUtils.getKeyType(pair))) {
            throw new VaultStateException(what + ": only ed25519 keys are used for signing (this one is "
                    + KeyUtils.getKeyType(pair) + ")");
        }
        return pair;
    }

    /** Names sshd uses. */
    private static final class KeyPairs {
        static final String ED25519 = "ssh-ed25519";
    }

    /** POSIX owner-only modes, where the file system has them. */
    static final class Permissions {
        private Permissions() {}

        static java.nio.file.attribute.FileAttribute<?>[] ownerOnlyFile() {
            return posix() ? new java.nio.file.attribute.FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
        }

        static void ownerOnlyDir(Path dir) throws IOException {
            if (posix()) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }

        private static boolean posix() {
            return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        }
    }
}
