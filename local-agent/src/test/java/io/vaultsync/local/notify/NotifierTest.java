package io.vaultsync.local.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.work.WorkPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify command on a real clone made by init, with real {@code sh} processes (inline pool: each pass runs at once). */
class NotifierTest {
    @TempDir
    Path root;
    Path vault;
    Path calls;

    @BeforeEach
    void setUp() throws Exception {
        vault = Vaults.create(root).local();
        calls = Files.createDirectories(root.resolve("calls"));
    }

    Notifier notifier(String command) {
        return new Notifier(command, WorkPool.inline(), Duration.ofSeconds(2));
    }

    String recorder() {
        return "cat > '" + calls + "'/call-$(date +%s%N).json";
    }

    @Test
    void eachNewDraftOrCardIsAnnouncedOnceWithItsTitleAndARestartDoesNotAnnounceItAgain() throws Exception {
        VaultFiles.write(vault, "Pending_Approval/email/DRAFT_old.md", "---\nsubject: Old one\n---\nx\n");
        notifier(recorder()).afterCycle(vault);
        assertThat(calls()).as("a backlog is not news").isEmpty();

        VaultFiles.write(vault, "Pending_Approval/email/DRAFT_new.md", "---\nsubject: Re: invoice\n---\nx\n");
        VaultFiles.write(vault, "Pending_Approval/social/post.md", "# A post\n\nbody\n");
        notifier(recorder()).afterCycle(vault);
        List<Path> made = calls();
        assertThat(made).hasSize(1);
        JsonNode list = new ObjectMapper().readTree(Files.readString(made.get(0)));
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).get("path").asText()).isEqualTo("Pending_Approval/email/DRAFT_new.md");
        assertThat(list.get(0).get("kind").asText()).isEqualTo("draft");
        assertThat(list.get(0).get("title").asText()).isEqualTo("Re: invoice");
        assertThat(list.get(1).get("title").asText()).isEqualTo("A post");

        notifier(recorder()).afterCycle(vault); // a new agent: the record says what was announced
        assertThat(calls()).hasSize(1);
    }

    @Test
    void aFailingOrHangingCommandIsNotRetriedAndEndsAtItsTimeLimit() throws Exception {
        notifier("exit 3").afterCycle(vault);
        VaultFiles.write(vault, "Pending_Approval/email/DRAFT_a.md", "x\n");
        notifier("exit 3").afterCycle(vault);
        long t0 = System.nanoTime();
        VaultFiles.write(vault, "Pending_Approval/email/DRAFT_b.md", "x\n");
        notifier("sleep 60").afterCycle(vault);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        notifier(recorder()).afterCycle(vault);
        assertThat(calls()).as("neither failure is retried").isEmpty();
        assertThat(Notifier.remembered(vault.resolve(".git"))).containsExactlyInAnyOrder(
                "Pending_Approval/email/DRAFT_a.md", "Pending_Approval/email/DRAFT_b.md");
    }

    @Test
    void aFileTheSecretGateHoldsIsNeverNamed() throws Exception {
        notifier(recorder()).afterCycle(vault);
        VaultFiles.write(vault, "Pending_Approval/secrets/DRAFT_key.md", "# the key\n"); // a denied folder
        VaultFiles.write(vault, "Pending_Approval/email/DRAFT_ok.md", "# fine\n");
        notifier(recorder()).afterCycle(vault);
        assertThat(calls()).hasSize(1);
        assertThat(Files.readString(calls().get(0))).contains("DRAFT_ok.md").doesNotContain("DRAFT_key");
    }

    List<Path> calls() throws Exception {
        try (Stream<Path> s = Files.list(calls)) {
            return s.sorted().toList();
        }
    }
}
