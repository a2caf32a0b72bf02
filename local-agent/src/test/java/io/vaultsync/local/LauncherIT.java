package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.FileStoreProbe;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher Maven makes ({@code target/bin/local-agent}, from {@code dist/launcher.sh}) run as a person
 * runs it: its own HOME and cache folder, Java from JAVA_HOME, nothing else of the build's environment.
 */
class LauncherIT {
    private static final Duration ARCHIVE_MADE = Duration.ofMinutes(3); // a dump is a few s; the CI box is shared

    @TempDir
    Path root;
    Path cache;
    Vaults vaults;

    @BeforeEach
    void vaults() {
        vaults = Vaults.create(root);
        cache = root.resolve("cache");
    }

    /** A command leaves a background job making the archive: the temp folder goes once it has finished. */
    @AfterEach
    void archiveMakingDone() {
        Await.until("no class-data archive under way in " + cache, ARCHIVE_MADE, () -> makings().isEmpty());
    }

    static Path builtLauncher() {
        Path launcher = JavaProcess.jar("vaultsync.localJar").resolveSibling("bin/local-agent");
        assertThat(launcher).as("made by mvn package").isExecutable();
        return launcher;
    }

    @Test
    void versionAndStatusRunThroughTheLauncher() {
        JavaProcess.Result version = run(builtLauncher(), Map.of(), "--version");
        assertThat(version.exitCode()).as(version.all()).isZero();
        assertThat(version.stdout()).contains("vaultsync");

        JavaProcess.Result status = ok(builtLauncher(), Map.of(), "status", "--vault", vaults.local().toString());
        assertThat(status.stdout()).contains("local_agent");
        assertThat(status.stderr()).isEmpty();
    }

    /**
     * A short-lived command gets one compiler thread, unless the person's own flags choose the compilers: C2 needs
     * two threads, and the JVM would refuse to start with both.
     */
    @Test
    void flagsThatChooseTheCompilersStillStartEveryCommand() {
        for (String opts : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-XX:CICompilerCount=3")) {
            JavaProcess.Result r = ok(builtLauncher(), Map.of("VAULTSYNC_JAVA_OPTS", opts), "status", "--vault",
                    vaults.local().toString());
            assertThat(r.stdout()).as(opts).contains("local_agent");
        }
    }

    /**
     * Where the kernel gives transparent huge pages only to a process that asks (madvise), a short-lived command
     * asks for them (its new heap costs far fewer page faults); where it never gives them, it does not ask (the JVM
     * would warn on every command), and where it always does, it need not.
     */
    @Test
    void aShortLivedCommandAsksForHugePagesOnlyWhereTheKernelWaitsToBeAsked() throws IOException {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String mode = Files.isReadable(setting) ? Files.readString(setting).strip() : "(no " + setting + ")";
        JavaProcess.Result r = ok(builtLauncher(), Map.of("VAULTSYNC_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "status", "--vault",
                vaults.local().toString());

        boolean asked = r.stdout().lines().anyMatch(l -> l.matches("\\s*bool UseTransparentHugePages\\s+= true .*command line.*"));
        assertThat(asked).as("asked for huge pages under %s", mode).isEqualTo(mode.contains("[madvise]"));
        assertThat(r.stdout()).contains("local_agent");
        assertThat(r.stderr()).as("no warning from the JVM").isEmpty();
    }

    /**
     * The log options reach Logback in a real process every time: the start-up's second thread once initialised
     * SLF4J, and a command whose main thread asked meanwhile got SLF4J's stand-in, so -vv was lost about one run
     * in two.
     */
    @Test
    void theLogLevelGivenIsTheOneUsedInEveryRun() {
        for (int i = 0; i < 8; i++) {
            JavaProcess.Result r = ok(builtLauncher(), Map.of(), "-vv", "status", "--vault", vaults.local().toString());
            assertThat(r.stderr()).as("run %d", i).contains(" DEBUG ");
        }
        JavaProcess.Result quiet = ok(builtLauncher(), Map.of(), "status", "--vault", vaults.local().toString());
        assertThat(quiet.stderr()).isEmpty();
    }

    @Test
    void theFirstCommandMakesTheClassDataArchiveAndTheNextOnesMapItWithoutMakingItAgain() throws Exception {
        ok(builtLauncher(), Map.of(), "status", "--vault", vaults.local().toString());
        Path archive = awaitArchive();

        FileTime made = Files.getLastModifiedTime(archive);
        Object identity = Files.readAttributes(archive, "unix:ino").get("ino");
        Path classLog = root.resolve("classes.log");
        ok(builtLauncher(), Map.of("VAULTSYNC_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "status", "--vault", vaults.local().toString());

        assertThat(Files.readString(classLog)).as("the agent's classes came from the archive")
                .contains("io.vaultsync.cli.AgentCli source: shared objects file");
        assertThat(archives()).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
        assertThat(Files.readAttributes(archive, "unix:ino").get("ino")).as("not replaced").isEqualTo(identity);
        assertThat(makings()).as("no second archive under way").isEmpty();
    }

    /**
     * The archive grows with the commands run: one it had not seen (made from status's classes) is run with it,
     * and the archive is made again from both commands' class lists, so the next run of either maps its own
     * classes (a command's picocli model and work are its own: before, every command but the first loaded
     * them from the jar).
     */
    @Test
    void aCommandTheArchiveHasNotSeenIsAddedToIt() throws Exception {
        ok(builtLauncher(), Map.of(), "status", "--vault", vaults.local().toString());
        Path archive = awaitArchive();
        Object first = Files.readAttributes(archive, "unix:ino").get("ino");

        ok(builtLauncher(), Map.of(), "conflicts", "--vault", vaults.local().toString());
        Await.until("the archive made again with conflicts' classes", ARCHIVE_MADE, () -> makings().isEmpty()
                && archives().size() == 1 && !first.equals(inode(archives().get(0))));

        Path classLog = root.resolve("classes.log");
        ok(builtLauncher(), Map.of("VAULTSYNC_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "conflicts", "--vault", vaults.local().toString());
        assertThat(Files.readString(classLog)).contains("io.vaultsync.cli.ConflictsCommand source: shared objects file");
        assertThat(makings()).as("a command it has seen adds nothing").isEmpty();
        assertThat(inCache(".lists")).hasSize(1);
        assertThat(Files.list(inCache(".lists").get(0)).map(f -> f.getFileName().toString()).sorted())
                .containsExactly("conflicts", "status");
    }

    private static Object inode(Path file) {
        try {
            return Files.readAttributes(file, "unix:ino").get("ino");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aChangedJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
        Path launcher = installedCopy(); // the distribution archive's layout: bin/local-agent, lib/local-agent.jar
        ok(launcher, Map.of(), "status", "--vault", vaults.local().toString());
        Path first = awaitArchive();

        Path jar = launcher.getParent().resolveSibling("lib/local-agent.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        ok(launcher, Map.of(), "status", "--vault", vaults.local().toString());

        Await.until("an archive for the changed jar, in place of the first", ARCHIVE_MADE,
                () -> !archives().isEmpty() && !archives().contains(first) && makings().isEmpty());
        assertThat(archives()).hasSize(1);
        assertThat(inCache(".lists")).as("the old jar's class lists went with its archive").hasSize(1);
    }

    @Test
    void vaultsyncCdsOffNeitherUsesNorMakesAnArchive() throws Exception {
        Path classLog = root.resolve("classes.log");
        JavaProcess.Result r = ok(builtLauncher(), Map.of("VAULTSYNC_CDS", "off",
                "VAULTSYNC_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "status", "--vault", vaults.local().toString());

        assertThat(r.stdout()).contains("local_agent");
        assertThat(cache.resolve("vaultsync")).as("nothing made, nothing under way").doesNotExist();
        assertThat(Files.readString(classLog)).contains("io.vaultsync.cli.AgentCli source: file:");
    }

    @Test
    void aCacheThatCannotBeWrittenOrABrokenArchiveNeverStopsACommand() throws Exception {
        Files.writeString(root.resolve("not-a-folder"), "x");
        JavaProcess.Result unwritable = ok(builtLauncher(), Map.of("XDG_CACHE_HOME", root.resolve("not-a-folder").toString()),
                "status", "--vault", vaults.local().toString());
        assertThat(unwritable.stdout()).contains("local_agent");
        assertThat(unwritable.stderr()).isEmpty();

        ok(builtLauncher(), Map.of(), "status", "--vault", vaults.local().toString());
        Path archive = awaitArchive();
        Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(archive, "not an archive");
        JavaProcess.Result broken = ok(builtLauncher(), Map.of(), "status", "--vault", vaults.local().toString());
        assertThat(broken.stdout()).contains("local_agent");
        assertThat(broken.stderr()).isEmpty();
    }

    @Test
    void underThePosixLocaleAUtf8FileNameSyncs() throws Exception {
        Vaults.write(vaults.local(), "Done/café – résumé.md", "é\n");

        JavaProcess.Result r = ok(builtLauncher(), Map.of("LANG", "C"), "sync", "--vault", vaults.local().toString());

        assertThat(RemoteTree.files(vaults.remote(), "main")).as(r.all()).containsKey("Done/café – résumé.md");
    }

    @Test
    void runGetsTheDaemonSettingsIsTheJvmItselfAndStopsOnSigterm() throws Exception {
        Vaults.write(vaults.local(), "Done/déjà.md", "done\n");
        Path log = root.resolve("run.log");
        Process p = builder(builtLauncher(), Map.of("LC_ALL", "C"), "run", "--vault", vaults.local().toString(),
                "--interval", "1s").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Await.until("the daemon's first cycle pushed Done/déjà.md", Duration.ofSeconds(90),
                    () -> RemoteTree.files(vaults.remote(), "main").containsKey("Done/déjà.md"));
            List<String> cmdline = cmdline(p.pid());
            assertThat(cmdline.get(0)).as("exec: the launcher's pid is the JVM's").endsWith("/java");
            assertThat(cmdline).contains("-Xms16m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-Xss512k", "run");
            assertThat(cmdline).as("the daemon's RSS: no huge pages").doesNotContain("-XX:+UseTransparentHugePages");
            assertThat(cmdline).as("the main class from the jar as a class path, not -jar (which reads the jar once more)")
                    .containsSubsequence("-cp", JavaProcess.jar("vaultsync.localJar").toRealPath().toString(),
                            "io.vaultsync.local.Main", "run")
                    .doesNotContain("-jar");
            assertThat(p.descendants().map(h -> h.info().command().orElse("?")).toList()).as("no second JVM under C.UTF-8")
                    .noneMatch(c -> c.endsWith("/java"));

            p.destroy(); // SIGTERM, straight to the JVM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    // ---- helpers

    private JavaProcess.Result ok(Path launcher, Map<String, String> env, String... args) {
        JavaProcess.Result r = run(launcher, env, args);
        assertThat(r.exitCode()).as("%s %s:%n%s", launcher, String.join(" ", args), r.all()).isZero();
        return r;
    }

    private JavaProcess.Result run(Path launcher, Map<String, String> env, String... args) {
        return JavaProcess.run(builder(launcher, env, args), args);
    }

    private ProcessBuilder builder(Path launcher, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("XDG_") || k.startsWith("LC_") || k.startsWith("VAULTSYNC_")
                || k.equals("LANG") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("SSH_AUTH_SOCK"));
        Path home = root.resolve("home");
        FileStoreProbe.seed(home);
        e.put("HOME", home.toString());
        e.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        e.put("XDG_CACHE_HOME", cache.toString());
        e.put("JAVA_HOME", System.getProperty("java.home"));
        e.put("LANG", "C.UTF-8");
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_TERMINAL_PROMPT", "0");
        e.putAll(env);
        return pb;
    }

    /** The built launcher and jar copied into the distribution's layout. */
    private Path installedCopy() throws IOException {
        Path bin = Files.createDirectories(root.resolve("dist/bin"));
        Path lib = Files.createDirectories(root.resolve("dist/lib"));
        Files.copy(builtLauncher(), bin.resolve("local-agent"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JavaProcess.jar("vaultsync.localJar"), lib.resolve("local-agent.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        return bin.resolve("local-agent");
    }

    private Path awaitArchive() {
        Await.until("the class-data archive in " + cache, ARCHIVE_MADE, () -> archives().size() == 1 && makings().isEmpty());
        return archives().get(0);
    }

    private List<Path> archives() {
        return inCache(".jsa");
    }

    private List<Path> makings() {
        return inCache(".making");
    }

    private List<Path> inCache(String suffix) {
        Path dir = cache.resolve("vaultsync");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> cmdline(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        return List.of(raw.split("\0"));
    }
}
