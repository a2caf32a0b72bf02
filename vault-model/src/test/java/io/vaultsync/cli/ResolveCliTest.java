package io.vaultsync.cli;

import static io.vaultsync.sync.TestVaults.read;
import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.conflict.CardReader;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.Keep;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.TestVaults;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** `conflicts` and `resolve` through the shared CLI: each option ends with the chosen bytes in place, the card closed. */
class ResolveCliTest {
    static final String PATH = "Done/report.md";

    @TempDir
    Path root;
    TestVaults v;
    ConflictCard card;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
        write(v.local(), PATH, "base\n");
        v.syncLocal();
        v.syncCloud();
        // a person pushes into the local agent's zone with plain git while the local agent rewrites the file
        v.pushAsHuman(PATH, "by hand\n");
        write(v.local(), PATH, "by local\n");
        SyncReport r = v.syncLocal();
        assertThat(r.cards()).hasSize(1);
        card = CardReader.parse("card", read(v.local(), r.cards().get(0)));
        assertThat(card.options()).containsExactly(Keep.OURS, Keep.THEIRS, Keep.BOTH, Keep.SKIP);
    }

    @ParameterizedTest
    @EnumSource(Keep.class)
    void eachOptionPutsTheChosenBytesInPlaceAndClosesTheCard(Keep keep) throws Exception {
        String copy = card.theirs().at();
        assertThat(read(v.local(), copy)).isEqualTo("by hand\n");

        CliRun r = local("resolve", card.id(), "--keep", keep.name().toLowerCase(), "--note", "checked");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("resolved " + card.id() + ": " + keep.yamlName());
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        String expectedInPlace = keep == Keep.THEIRS ? "by hand\n" : "by local\n";
        assertThat(read(v.local(), PATH)).isEqualTo(expectedInPlace);
        assertThat(remote).containsEntry(PATH, expectedInPlace);
        if (keep == Keep.SKIP) {
            assertThat(remote).containsEntry(copy, "by hand\n");
        } else {
            assertThat(remote).doesNotContainKey(copy);
            assertThat(v.local().resolve(copy).getParent()).doesNotExist();
        }
        if (keep == Keep.BOTH) {
            assertThat(remote).containsEntry("Done/report (" + card.id() + ").md", "by hand\n");
        }
        ConflictCard closed = CardReader.parse("card", remote.get(card.cardPath()));
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.resolution().keep()).isEqualTo(keep);
        assertThat(closed.resolution().note()).isEqualTo("checked");
        assertThat(RemoteTree.messages(v.remote(), "main").get(0)).contains("Vaultsync-Card: " + card.id());
        assertThat(local("conflicts").out()).contains("no open cards");
        assertThat(local("resolve", card.id(), "--keep", "ours").code()).isEqualTo(ExitCodes.NO_SUCH_CARD);
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void conflictsListsEveryAgentsCardsAndWhoMayResolveThem() throws Exception {
        v.syncCloud();
        JsonNode fromCloud = new ObjectMapper().readTree(cloud("conflicts", "--json").out());
        assertThat(fromCloud).hasSize(1);
        assertThat(fromCloud.get(0).get("id").asText()).isEqualTo(card.id());
        assertThat(fromCloud.get(0).get("kind").asText()).isEqualTo("zone-violation");
        assertThat(fromCloud.get(0).get("resolvableHere").asBoolean()).isFalse();
        JsonNode fromLocal = new ObjectMapper().readTree(local("conflicts", "--json").out());
        assertThat(fromLocal.get(0).get("resolvableHere").asBoolean()).isTrue();
        assertThat(local("conflicts").out()).contains(card.id(), "resolve " + card.id() + " --keep ours|theirs|both|skip");
    }

    @Test
    void resolvingWhatIsNotOneOwnsChangesNothing() throws Exception {
        v.syncCloud();
        CliRun byCloud = cloud("resolve", card.id(), "--keep", "theirs");
        assertThat(byCloud.code()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(byCloud.err()).contains("raised by local_agent");
        assertThat(local("resolve", "C-nope", "--keep", "ours").code()).isEqualTo(ExitCodes.NO_SUCH_CARD);
        CliRun bad = local("resolve", card.id(), "--keep", "mine");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("ours, theirs, both, skip");
        assertThat(read(v.local(), PATH)).isEqualTo("by local\n");
        assertThat(CardReader.parse("card", read(v.local(), card.cardPath())).isOpen()).isTrue();
    }

    @Test
    void anOptionTheCardDoesNotOfferIsRefused() throws Exception {
        v.pushAsHuman("Dashboard.md", "# hand\n");
        SyncReport r = v.syncLocal();
        ConflictCard dash = CardReader.parse("card", read(v.local(), r.cards().get(0)));
        assertThat(dash.options()).doesNotContain(Keep.BOTH);
        CliRun both = local("resolve", dash.id(), "--keep", "both");
        assertThat(both.code()).isEqualTo(ExitCodes.NOT_PERMITTED);
        assertThat(both.err()).contains("keep_both is not an option");
    }

    CliRun local(String... args) {
        return run(Role.LOCAL, v.local(), args);
    }

    CliRun cloud(String... args) {
        return run(Role.CLOUD, v.cloud(), args);
    }

    static CliRun run(Role role, Path vault, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--vault";
        all[args.length + 1] = vault.toString();
        return TestCli.run(role, all);
    }
}
