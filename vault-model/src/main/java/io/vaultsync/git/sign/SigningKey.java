package io.vaultsync.git.sign;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.policy.SshPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's SSH signing key: an ed25519 pair in OpenSSH format at {@code .git/vaultsync/signing_key}
 * (0600, its folder 0700, never synced) and {@code signing_key.pub}. Made, read and used with the JDK's own
 * Ed25519 ({@link Ed25519Pair}), so no {@code ssh-keygen} is needed. The private half is never printed, logged or put in a message: only
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
        Optional<SigningKey> have = load(gitDir);
        if (have.isPresent()) {
            return new Ensured(have.get(), false);
        }
        Ed25519Pair pair;
        try {
            pair = Ed25519Pair.generate();
        } catch (GeneralSecurityException e) {
            throw new VaultStateException("cannot make an ed25519 signing key: " + e.getMessage(), e);
        }
        boolean created = install(gitDir, pair);
        return new Ensured(load(gitDir).orElseThrow(), created);
    }

    /**
     * Makes {@code given} (an unencrypted OpenSSH ed25519 private key file, {@code init --signing-key}) the
     * agent's key, replacing one it had.
     */
    public static SigningKey use(Path gitDir, Path given) {
        Ed25519Pair pair = readPair(given, given.toString());
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

    /**
     * The key {@code rotate-key} moves to (kept as {@code signing_key.next} until {@link #promoteNext}), made
     * now unless an earlier rotation left one.
     */
    public static SigningKey prepareNext(Path gitDir) {
        Path next = nextFile(gitDir);
        if (!Files.isRegularFile(next)) {
            try {
                writeNew(next, Ed25519Pair.generate(), comment(gitDir));
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
    private static boolean install(Path gitDir, Ed25519Pair pair) {
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
        } catch (IOException e) {
            throw new VaultStateException("cannot write the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new owner-only private key file (its folder made owner-only too). */
    private static void writeNew(Path target, Ed25519Pair pair, String comment) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Permissions.ownerOnlyDir(dir);
        Files.createFile(target, Permissions.ownerOnlyFile());
        Files.write(target, pair.toOpenSsh(comment));
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

    private static SshPublicKey publicOf(Ed25519Pair pair, String comment) {
        SshPublicKey parsed = SshPublicKey.parse(pair.publicLine());
        return new SshPublicKey(parsed.type(), parsed.base64(), comment);
    }

    /** One unencrypted ed25519 pair from an OpenSSH private key file; errors never quote the file's bytes. */
    static Ed25519Pair readPair(Path file, String what) {
        try {
            return Ed25519Pair.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new VaultStateException(what + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        } catch (Ed25519Pair.BadKey e) {
            throw new VaultStateException(what + ": not a usable unencrypted OpenSSH ed25519 private key: "
                    + e.getMessage());
        }
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
