package io.vaultsync.cli;

import io.vaultsync.config.Mappers;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.sync.SyncState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.StringConcatFactory;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.internal.JGitText;

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

    /** Commands that sign a commit (or make a key): their second thread also sets up the JDK's Ed25519. */
    private static final Set<String> SIGNING = Set.of("init", "sync", "claim", "release", "handoff", "approve", "reject",
            "resolve", "trust", "rotate-key", "revoke-key");

    /** Starts the second thread for the command {@code args} run (a daemon thread: it never holds the process up). */
    static void start(String... args) {
        // the first word that is no option: a guess (an option's value may come first), which costs at most a
        // look-up done for nothing or left to the main thread
        boolean signs = false;
        for (String a : args) {
            if (!a.startsWith("-")) {
                signs = SIGNING.contains(a);
                break;
            }
        }
        boolean signing = signs;
        // a class, not a lambda: the first lambda in a JVM sets up invokedynamic, which is the new thread's to do
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                Warmup.run(signing);
            }
        }, "vaultsync-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void run(boolean signing) {
        try {
            // first, what the main thread meets soonest: invokedynamic's set-up for records (the log setup is
            // compared with Logback's), lambdas and the libraries' string concatenation (JGit, Logback), 10-15 ms
            // each on first use
            LogSetup.DEFAULT.equals(LogSetup.DEFAULT);
            Runnable lambda = () -> { };
            lambda.run();
            StringConcatFactory.makeConcatWithConstants(MethodHandles.lookup(), "warm",
                    MethodType.methodType(String.class, String.class, int.class), "\u0001:\u0001").dynamicInvoker()
                    .invoke("warm", 1);
            LogbackSetup.prepare();
            // then in the order the main thread needs them: the security providers (JGit's set-up asks for SHA-1;
            // 10-20 ms on first use), JGit's messages (a resource bundle of a thousand fields set by reflection,
            // 13 ms; neither reads the git environment) and classes (opening the repository comes first), and the
            // readers of the files nearly every command reads next (building one, Jackson's introspection of the
            // record, cost the main thread 5-30 ms each)
            MessageDigest.getInstance("SHA-1");
            if (signing) {
                Signature.getInstance("Ed25519");
                KeyFactory.getInstance("Ed25519");
            }
            JGitText.get();
            ClassLoader loader = Warmup.class.getClassLoader();
            for (String name : JGIT) Class.forName(name, false, loader);
            Mappers.YAML.getTypeFactory();
            SettingsStore.warm();
            SyncState.warm();
            PolicyLoader.warm();
            Mappers.JSON.readerFor(Map.class);
            Class.forName("io.vaultsync.daemon.DaemonFile", true, loader);
        } catch (Throwable e) { // LinkageError included: the main thread meets the same and reports it
            // nothing to do here
        }
    }
}
