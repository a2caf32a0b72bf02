package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.SecretSamples;
import io.vaultsync.conflict.CardFiles;
import io.vaultsync.work.WorkLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cloud agent's handlers, in this JVM, against a real remote and real handler scripts. */
class CloudWorkerTest extends CloudVaultFixture {
    @Test
    void aTaskWithAHandlerIsClaimedAndMovesOnIntoADraftWithASignal() throws Exception {
        handler(List.of(SAMPLE_HANDLER.toString()), 3);
        ingest("EMAIL_invoice.md", TASK);
        worker.afterCycle(cloud);
        Map<String, String> files = remoteFiles();
        String draft = files.get("Pending_Approval/email/DRAFT_reply_EMAIL_invoice.md");
        assertThat(draft).startsWith("---\ntype: email\nto: \"client@example.com\"\nsubject: \"Re: Invoice 1042\"\n")
                .contains("task: \"EMAIL_invoice.md\"", "drafted_by: \"cloud_agent\"", "Thank you for your message")
                .endsWith("## Original task\n\n" + TASK);
        assertThat(files).doesNotContainKeys("Needs_Action/EMAIL_invoice.md", "In_Progress/cloud_agent/EMAIL_invoice.md");
        String signal = files.keySet().stream().filter(k -> k.startsWith("Updates/SIGNAL_") && k.contains("_draft-ready_"))
                .findFirst().map(files::get).orElseThrow();
        assertThat(signal).contains("signal: draft-ready", "task: EMAIL_invoice.md", "Pending_Approval/email/DRAFT_reply_EMAIL_invoice.md");
        List<String> messages = RemoteTree.messages(remote, "main");
        assertThat(messages.get(0)).contains("cloud_agent drafts Pending_Approval/email/DRAFT_reply_EMAIL_invoice.md for EMAIL_invoice.md");
        assertThat(messages.get(1)).contains("cloud_agent claims EMAIL_invoice.md");
        assertThat(said.toString()).contains("claimed EMAIL_invoice.md (email)",
                "In_Progress/cloud_agent/EMAIL_invoice.md -> Pending_Approval/email/DRAFT_reply_EMAIL_invoice.md");

        String head = RemoteTree.head(remote, "main");
        worker.afterCycle(cloud);
        assertThat(RemoteTree.head(remote, "main")).as("nothing more to do").isEqualTo(head);
        CGit.assertFsckStrict(remote);
    }

    @Test
    void aTaskWhoseTypeHasNoHandlerStaysInNeedsAction() throws Exception {
        handler(List.of(SAMPLE_HANDLER.toString()), 3);
        ingest("NOTE_groceries.md", "milk\n");
        ingest("plain.md", "no type\n");
        worker.afterCycle(cloud);
        assertThat(remoteFiles()).containsKeys("Needs_Action/NOTE_groceries.md", "Needs_Action/plain.md");
    }

    @Test
    void aFailingHandlerIsRetriedWithBackoffThenCardedAndTheCardsDecisionRetriesIt() throws Exception {
        Path down = Files.createFile(root.resolve("llm-down"));
        Path calls = root.resolve("calls");
        handler(List.of(script("flaky.sh", "echo \"$1\" >> '" + calls + "'\n[ -e '" + down + "' ] && { echo 'model unavailable'; exit 4; }\n"
                + "exec '" + SAMPLE_HANDLER + "' \"$1\" \"$2\"\n").toString()), 2);
        ingest("EMAIL_flaky.md", TASK);
        worker.afterCycle(cloud);
        assertThat(Files.readAllLines(calls)).hasSize(1);
        assertThat(said.toString()).contains("In_Progress/cloud_agent/EMAIL_flaky.md: handler failed (exit 4, attempt 1)");
        clock.advance(Duration.ofSeconds(9));
        worker.afterCycle(cloud);
        assertThat(Files.readAllLines(calls)).as("not before the delay").hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        worker.afterCycle(cloud);
        assertThat(Files.readAllLines(calls)).hasSize(2);
        worker.afterCycle(cloud); // two failures: a card and a signal
        List<CardFiles.Entry> open = CardFiles.open(cloud);
        assertThat(open).hasSize(1);
        String id = open.get(0).card().id();
        Map<String, String> files = remoteFiles();
        assertThat(files.get("Pending_Approval/conflicts/cloud_agent/" + id + ".md")).contains("kind: handler-failed",
                "path: \"In_Progress/cloud_agent/EMAIL_flaky.md\"", "failed 2 times in a row (last: exit 4)", "model unavailable");
        assertThat(files.keySet()).anyMatch(k -> k.startsWith("Updates/SIGNAL_") && k.contains("_handler-failed_"));
        assertThat(files).containsKey("In_Progress/cloud_agent/EMAIL_flaky.md");
        clock.advance(Duration.ofDays(1));
        worker.afterCycle(cloud);
        assertThat(Files.readAllLines(calls)).as("nothing runs while the card is open").hasSize(2);

        Files.delete(down);
        CliRun resolved = cli("resolve", id, "--keep", "ours", "--vault", cloud.toString());
        assertThat(resolved.code()).as(resolved.err()).isZero();
        worker.afterCycle(cloud); // the decision is read
        worker.afterCycle(cloud); // and the handler runs again
        assertThat(Files.readAllLines(calls)).hasSize(3);
        assertThat(remoteFiles()).containsKey("Pending_Approval/email/DRAFT_reply_EMAIL_flaky.md")
                .doesNotContainKey("In_Progress/cloud_agent/EMAIL_flaky.md");
    }

    @Test
    void handlerOutputHoldingASecretIsNeverCommittedAndTheTaskStays() throws Exception {
        SecretSamples.Sample secret = SecretSamples.all().stream()
                .filter(s -> s.expectedRulePrefix().equals("content:private-key")).findFirst().orElseThrow();
        Path leak = root.resolve("leak.md");
        Files.writeString(leak, secret.content());
        handler(List.of(script("leaky.sh", "cp '" + leak + "' \"$2/reply.md\"\n").toString()), 3);
        ingest("EMAIL_leak.md", TASK);
        worker.afterCycle(cloud);
        assertThat(remoteFiles()).containsKey("In_Progress/cloud_agent/EMAIL_leak.md")
                .doesNotContainKey("Pending_Approval/email/DRAFT_reply.md");
        String marker = secret.content().lines().filter(l -> l.length() > 40).findFirst().orElseThrow();
        for (String[] v : RemoteTree.everVersion(remote, "main")) assertThat(v[1]).doesNotContain(marker);
        assertThat(new WorkLedger(cloud.resolve(".git"), WorkLedger.HANDLERS).read().get(2).detail())
                .isEqualTo("output held back by the secret gate [content:private-key]");
        assertThat(said.toString()).doesNotContain(marker);
    }
}
