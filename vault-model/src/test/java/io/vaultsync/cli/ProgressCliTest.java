package io.vaultsync.cli;

import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CliRun;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.ProgressErr;
import io.vaultsync.sync.TestVaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress through the CLI: with {@code VAULTSYNC_PROGRESS=always} (the 2 s threshold lowered to nothing, so a
 * small vault counts as long work) {@code sync} and {@code init}'s clone draw a line on stderr; without a
 * terminal, with -q, or for short work, nothing but the summary is printed, and no {@code \r} at all.
 */
class ProgressCliTest {
    private static final Map<String, String> ALWAYS = Map.of(ProgressErr.ENV, "always");
    private static final int FILES = 40;

    @TempDir
    Path root;
    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
        for (int i = 0; i < FILES; i++) write(v.local(), "Done/item-" + i + ".md", "done " + i + "\n");
    }

    @Test
    void syncOfManyFilesOnATerminalShowsScanningCheckingStoringAndPushingThenClearsTheLine() {
        CliRun r = run(ALWAYS, Duration.ZERO, "sync", "--vault", v.local().toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).containsPattern("\rscanning files: \\d+/\\d+")
                .containsPattern("\rchecking files: \\d+/" + FILES + "[,\r]")
                .containsPattern("\rstoring files: \\d+/" + FILES + ", \\d+ B/\\d+ B")
                .containsPattern("\r(Counting|Compressing|Writing) objects: \\d+"); // the push: JGit's tasks
        assertThat(r.err()).as("every line drawn is cleared: nothing but blanks after the last \\r")
                .endsWith("\r").doesNotContain("\n");
        assertThat(r.out()).doesNotContain("\r").contains("committed " + FILES);
    }

    @Test
    void initsCloneOnATerminalShowsJGitsTasks() {
        assertThat(TestVaults.sync(v.localAgent(), v.local()).outcome().completed()).isTrue();

        CliRun r = run(ALWAYS, Duration.ZERO, "init", "--remote", v.remote().toString(), "--vault",
                root.resolve("second").toString(), "--agent", "local_agent", "--machine", "laptop");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).containsPattern("\r(Receiving objects|checking out files): \\d+");
        assertThat(r.out()).doesNotContain("\r").contains("cloned");
    }

    @Test
    void statusScanningTheWorkTreeOnATerminalShowsItAndPrintsTheSameReport() {
        CliRun shown = run(ALWAYS, Duration.ZERO, "status", "--vault", v.local().toString());
        CliRun plain = run(Map.of(), Duration.ZERO, "status", "--vault", v.local().toString());

        assertThat(shown.code()).as(shown.toString()).isZero();
        assertThat(shown.err()).containsPattern("\rchecking files: \\d+/" + FILES);
        assertThat(shown.out()).isEqualTo(plain.out()).doesNotContain("\r");
        assertThat(plain.err()).doesNotContain("\r");
    }

    @Test
    void withoutATerminalNothingButTheSummary() {
        CliRun plain = run(Map.of(), Duration.ZERO, "sync", "--vault", v.local().toString());

        assertThat(plain.code()).as(plain.toString()).isZero();
        assertThat(plain.out() + plain.err()).doesNotContain("\r");
        assertThat(plain.out()).contains("committed " + FILES);
    }

    @Test
    void aCliRunAsUsualInTestsHasNoTerminalAndShowsNothing() {
        CliRun r = TestCli.run(Role.LOCAL, "sync", "--vault", v.local().toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("\r");
    }

    @Test
    void quietShowsNoProgressEvenWhenAskedFor() {
        CliRun r = run(ALWAYS, Duration.ZERO, "-q", "sync", "--vault", v.local().toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("\r");
    }

    @Test
    void shortWorkShowsNothing() {
        CliRun r = run(ALWAYS, ProgressErr.AFTER, "sync", "--vault", v.local().toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("\r");
    }

    /** The local agent's CLI with a stderr that sees {@code env} and no console, showing phases longer than {@code after}. */
    private static CliRun run(Map<String, String> env, Duration after, String... args) {
        return CliRun.of((out, err) -> AgentCli.run(Role.LOCAL, "local-agent", out,
                ProgressErr.of(err, env, false, after, System::nanoTime), args));
    }
}
