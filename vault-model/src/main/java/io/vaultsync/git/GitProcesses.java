package io.vaultsync.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a git process (a person's {@code git commit} waiting for its editor, say) is working in a
 * repository right now, read from Linux's {@code /proc}: a process named {@code git} or {@code git-*}
 * whose working directory is inside the work tree or the git directory, or nothing where it cannot be told
 * (no {@code /proc}): {@link Seen}.
 */
public final class GitProcesses {
    private static final Path PROC = Path.of("/proc");

    private GitProcesses() {}

    /** What {@code /proc} says. */
    public sealed interface Seen {
        /** No {@code /proc}: it cannot be told. */
        record Unknown() implements Seen {}

        /** No git process works in the repository. */
        record None() implements Seen {}

        /** This git process works in the repository. */
        record Running(long pid) implements Seen {}
    }

    /** Whether a git process works in {@code workTree} or {@code gitDir}. */
    public static Seen in(Path workTree, Path gitDir) {
        if (!Files.isDirectory(PROC.resolve("self"))) return new Seen.Unknown();
        Path tree = real(workTree);
        Path dir = real(gitDir);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                if (isGit(p) && within(p, tree, dir)) return new Seen.Running(Long.parseLong(p.getFileName().toString()));
            }
        } catch (IOException e) {
            return new Seen.Unknown();
        }
        return new Seen.None();
    }

    private static boolean isGit(Path proc) {
        try {
            String comm = Files.readString(proc.resolve("comm")).strip();
            return comm.equals("git") || comm.startsWith("git-");
        } catch (IOException | RuntimeException e) {
            return false; // gone, or another user's
        }
    }

    private static boolean within(Path proc, Path tree, Path dir) {
        try {
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            return cwd.startsWith(tree) || cwd.startsWith(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
