package io.vaultsync.cli;

import io.vaultsync.config.Mappers;
import java.util.List;

/**
 * A command's start-up on two threads: while the main one builds and parses the command line, a second one
 * loads what nearly every command needs next and is dearest on its first use. Jackson's mappers (their static
 * set-up reads the locale's calendar data) are made whole; Logback's classes are set up in a context of their
 * own, SLF4J left alone ({@link LogbackSetup#prepare()} says why); JGit's classes are only
 * loaded, not initialised, because their static set-up reads the git environment, which
 * {@link io.vaultsync.transport.GitEnvironment#install()} sets first. Nothing here changes what a command
 * does: class initialisation happens once whichever thread comes first, and a failure here is left for the
 * main thread to meet and report.
 */
final class Warmup {
    /** Loaded, not initialised: what opening a repository and scanning its work tree load first. */
    private static final List<String> JGIT = List.of(
            "org.eclipse.jgit.internal.storage.file.FileRepository",
            "org.eclipse.jgit.internal.storage.file.ObjectDirectory",
            "org.eclipse.jgit.internal.storage.file.RefDirectory",
            "org.eclipse.jgit.internal.storage.file.FileSnapshot",
            "org.eclipse.jgit.storage.file.FileBasedConfig",
            "org.eclipse.jgit.util.FS_POSIX",
            "org.eclipse.jgit.dircache.DirCache",
            "org.eclipse.jgit.lib.IndexDiff",
            "org.eclipse.jgit.treewalk.FileTreeIterator",
            "org.eclipse.jgit.revwalk.RevWalk");

    private Warmup() {}

    /** Whether {@code args} run a command, rather than ask for help or the version (which need none of it). */
    static boolean worthIt(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("completion")) return false;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return false;
        }
        return true;
    }

    /** Starts the second thread (a daemon: it never holds the process up). */
    static void start() {
        Thread t = new Thread(Warmup::run, "vaultsync-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void run() {
        try {
            LogbackSetup.prepare();
            Mappers.YAML.getTypeFactory();
            ClassLoader loader = Warmup.class.getClassLoader();
            for (String name : JGIT) Class.forName(name, false, loader);
        } catch (Throwable e) { // LinkageError included: the main thread meets the same and reports it
            // nothing to do here
        }
    }
}
