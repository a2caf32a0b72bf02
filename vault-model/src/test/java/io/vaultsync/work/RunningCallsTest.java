package io.vaultsync.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import io.vaultsync.process.ProcessIdentity;
import io.vaultsync.work.WorkLedger.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of a call under way, read by a restarted agent, against real processes in groups of their own. */
class RunningCallsTest {
    static final String KEY = "0b6f7f9e-1111-2222-3333-444455556666";
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path gitDir;
    Path grandchildPid;
    Process earlier;
    ProcessIdentity who;
    WorkLedger ledger;
    RunningCalls calls = new RunningCalls(WorkLedger.EXECUTIONS);
    Instant now = Instant.now();

    /** A call from before a restart: a shell leading its own group, with a child of its own. */
    @BeforeEach
    void startEarlierCall() throws Exception {
        grandchildPid = gitDir.resolve("grandchild.pid");
        earlier = new ProcessBuilder("setsid", "--wait", "sh", "-c", "sleep 300 & echo $! > \"$0\"; wait", grandchildPid.toString())
                .redirectErrorStream(true).redirectOutput(gitDir.resolve("earlier.log").toFile()).start();
        Await.until("the earlier call to lead its group", Duration.ofSeconds(10),
                () -> ProcessIdentity.of(earlier.pid()).map(ProcessIdentity::ownGroup).orElse(false) && Files.exists(grandchildPid));
        who = ProcessIdentity.of(earlier.pid()).orElseThrow();
        ledger = new WorkLedger(gitDir, WorkLedger.EXECUTIONS);
        ledger.append(new WorkLedger.Entry(KEY, "Approved/a.md", Event.STARTED, now.minusSeconds(60), "attempt 1"));
    }

    @AfterEach
    void stopEarlierCall() throws Exception {
        earlier.destroyForcibly();
        earlier.waitFor(10, TimeUnit.SECONDS);
        ProcessHandle.of(grandchild()).ifPresent(ProcessHandle::destroyForcibly);
    }

    EarlierCall.Verdict before(boolean interrupted) throws Exception {
        return calls.before(gitDir, ledger, KEY, "Approved/a.md", interrupted, now, TIMEOUT);
    }

    @Test
    void aCallStillRunningHoldsItsKeyBackAndIsSaidOnceThenItsEndLetsTheKeyRunAgain() throws Exception {
        calls.started(gitDir, KEY, who, now.minusSeconds(60));
        EarlierCall.Verdict v = before(true);
        assertThat(v).isEqualTo(new EarlierCall.StillRunning(who.pid(), now.minusSeconds(60)));
        assertThat(v.mayStart()).isFalse();
        assertThat(calls.news(KEY, v)).hasValueSatisfying(s -> assertThat(s).contains("still running from before the restart, pid "
                + who.pid()));
        assertThat(calls.news(KEY, before(true))).as("said once, not every pass").isEmpty();

        earlier.destroy();
        assertThat(earlier.waitFor(10, TimeUnit.SECONDS)).isTrue();
        v = before(true);
        assertThat(v).isEqualTo(new EarlierCall.Ended(who.pid()));
        assertThat(v.mayStart()).isTrue();
        assertThat(calls.news(KEY, v)).hasValueSatisfying(s -> assertThat(s).contains("has ended; it runs again with the same key"));
        assertThat(calls.file(gitDir, KEY)).doesNotExist();
    }

    @Test
    void aRecordWhosePidNowBelongsToAnotherProcessDoesNotHoldTheKey() throws Exception {
        ProcessIdentity reused = new ProcessIdentity(who.bootId(), who.pid(), who.pgid(), who.startTicks() - 1);
        calls.started(gitDir, KEY, reused, now.minusSeconds(60));
        assertThat(before(true)).isEqualTo(new EarlierCall.Ended(who.pid()));
        ProcessIdentity otherBoot = new ProcessIdentity("another-boot", who.pid(), who.pgid(), who.startTicks());
        calls.started(gitDir, KEY, otherBoot, now.minusSeconds(60));
        assertThat(before(true)).isEqualTo(new EarlierCall.Ended(who.pid()));
        assertThat(earlier.isAlive()).as("a process that is not the call's is left alone").isTrue();
    }

    @Test
    void aCallPastItsTimeLimitIsStoppedWithItsWholeGroupAndCountsAsAFailure() throws Exception {
        calls.started(gitDir, KEY, who, now.minus(TIMEOUT).minusSeconds(1));
        EarlierCall.Verdict v = before(true);
        assertThat(v).isInstanceOf(EarlierCall.Overdue.class);
        assertThat(v.mayStart()).isFalse();
        assertThat(earlier.waitFor(10, TimeUnit.SECONDS)).as("the earlier call is stopped").isTrue();
        long grandchild = grandchild();
        Await.until("its child to be stopped too", Duration.ofSeconds(10),
                () -> ProcessIdentity.of(grandchild).filter(p -> p.alive()).isEmpty());
        List<WorkLedger.Entry> entries = ledger.read();
        assertThat(entries).extracting(WorkLedger.Entry::event).containsExactly(Event.STARTED, Event.FAILED);
        assertThat(entries.get(1).detail()).startsWith("timed out after 5m (pid " + who.pid());
        assertThat(calls.file(gitDir, KEY)).doesNotExist();
    }

    @Test
    void aRecordLeftBehindOnceTheLedgerHasTheCallsEndIsIgnoredAndRemoved() throws Exception {
        calls.started(gitDir, KEY, who, now.minusSeconds(60));
        assertThat(before(false)).isEqualTo(new EarlierCall.Start());
        assertThat(calls.file(gitDir, KEY)).doesNotExist();
        assertThat(calls.read(gitDir, KEY)).isEqualTo(Optional.empty());
    }

    @Test
    void anUnreadableRecordCountsAsNone() throws Exception {
        Files.createDirectories(calls.file(gitDir, KEY).getParent());
        Files.writeString(calls.file(gitDir, KEY), "{\"key\":");
        assertThat(before(true)).isEqualTo(new EarlierCall.Start());
    }

    long grandchild() throws Exception {
        return Long.parseLong(Files.readString(grandchildPid).strip());
    }
}
