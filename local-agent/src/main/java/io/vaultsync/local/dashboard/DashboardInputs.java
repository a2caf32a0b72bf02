package io.vaultsync.local.dashboard;

import io.vaultsync.conflict.CardReader;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.git.LastPushes;
import io.vaultsync.git.Trailers;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncState;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Gathers {@link DashboardData} from the local clone: its branch head's tree and history (never the work
 * tree, so nothing that is not on the branch is named) and its sync state.
 */
public final class DashboardInputs {
    public static final String DASHBOARD = "Dashboard.md";
    /** By default, another agent with no sync for longer than this is shown as quiet. */
    static final Duration QUIET_AFTER = Duration.ofHours(24);
    private static final Pattern EXECUTED = Pattern.compile("(?m)^- executed at: (\\S+)$");

    /** The folders the dashboard shows; nothing else of the tree is read. */
    static final List<String> FOLDERS = List.of("Needs_Action", "In_Progress", "Pending_Approval", "Approved", "Rejected",
            "Done", "Updates");

    private DashboardInputs() {}

    /**
     * The dashboard's data from the branch head (after the cycle's commit): every name, count and field
     * comes from committed, gated content; another agent silent for longer than {@code quietAfter} is quiet.
     */
    public static DashboardData collect(CycleContext ctx, Duration quietAfter) throws IOException {
        try (ObjectReader reader = ctx.vault().repository().newObjectReader()) {
            return collect(ctx, quietAfter, CommittedFiles.of(reader, ctx.vault().head(), ctx.gate(), FOLDERS));
        }
    }

    private static DashboardData collect(CycleContext ctx, Duration quietAfter, CommittedFiles tree) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("Needs_Action", tree.under("Needs_Action").size());
        for (AgentSpec a : ctx.policy().agents()) counts.put("In_Progress/" + a.name(), tree.under("In_Progress/" + a.name()).size());
        List<String> drafts = new ArrayList<>();
        for (String domain : tree.folders("Pending_Approval")) {
            if (domain.equals("conflicts")) continue;
            List<String> in = tree.under("Pending_Approval/" + domain);
            counts.put("Pending_Approval/" + domain, in.size());
            drafts.addAll(in);
        }
        for (String f : List.of("Approved", "Rejected")) counts.put(f, tree.under(f).size());

        List<DashboardData.DoneItem> done = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : tree.contents(tree.under("Done")).entrySet()) {
            done.add(new DashboardData.DoneItem(e.getKey(), executedAt(e.getValue())));
        }
        done.sort(Comparator.comparing(DashboardData.DoneItem::executedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(DashboardData.DoneItem::path));
        counts.put("Done", done.size()); // less any the content scan holds back

        List<DashboardData.SignalFile> signals = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : tree.contents(tree.under("Updates")).entrySet()) {
            signals.add(new DashboardData.SignalFile(e.getKey(), Signal.parse(e.getKey(), e.getValue())));
        }
        signals.sort(Comparator.comparing((DashboardData.SignalFile s) -> s.signal().time(),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(DashboardData.SignalFile::path));
        counts.put("Updates", signals.size()); // less any the content scan holds back

        return new DashboardData(counts, drafts, cards(tree), agents(ctx, quietAfter), done, signals);
    }

    /** The open decision cards on the branch, every agent's; a file that is not a readable card is left out. */
    private static List<DashboardData.Card> cards(CommittedFiles tree) throws IOException {
        String dir = ConflictCard.DIR.substring(0, ConflictCard.DIR.length() - 1);
        List<String> files = tree.oneFolderDown(dir).stream().filter(p -> p.endsWith(".md")).toList();
        List<DashboardData.Card> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : tree.contents(files).entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            if (!CardReader.looksLikeCard(text)) continue;
            ConflictCard card;
            try {
                card = CardReader.parse(e.getKey(), text);
            } catch (CardReader.NotACardException notACard) {
                continue;
            }
            String agent = e.getKey().substring(ConflictCard.DIR.length(), e.getKey().lastIndexOf('/'));
            if (card.isOpen()) out.add(new DashboardData.Card(cardId(e.getKey()), card.kind().yamlName(), card.path(), agent));
        }
        return out;
    }

    private static List<DashboardData.Agent> agents(CycleContext ctx, Duration quietAfter) throws IOException {
        Policy policy = ctx.policy();
        Map<String, RevCommit> last = lastSyncs(ctx.vault().repository(), ctx.vault().head(), policy);
        String me = ctx.settings().name();
        String myHealth = health(SyncState.read(ctx.vault().gitDir()));
        List<DashboardData.Agent> out = new ArrayList<>();
        for (AgentSpec a : policy.agents()) {
            RevCommit c = last.get(a.name());
            Instant at = c == null ? null : c.getCommitterIdent().getWhenAsInstant();
            String health = a.name().equals(me) ? myHealth : peerHealth(at, ctx.now(), quietAfter);
            out.add(new DashboardData.Agent(a.name(), a.role().name().toLowerCase(Locale.ROOT), at,
                    c == null ? null : Trailers.parse(c.getFullMessage()).get(Trailers.MACHINE),
                    c == null ? null : c.abbreviate(7).name(), health));
        }
        return out;
    }

    /** Each agent's newest commit, skipping commits that change only the dashboard. */
    static Map<String, RevCommit> lastSyncs(Repository repo, ObjectId head, Policy policy) throws IOException {
        return LastPushes.commits(repo, head, policy, c -> {
            try {
                return onlyDashboard(repo, c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static boolean onlyDashboard(Repository repo, RevCommit c) throws IOException {
        if (c.getParentCount() != 1) return false;
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(c.getParent(0)).getTree());
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            int changed = 0;
            while (tw.next()) {
                if (!tw.getPathString().equals(DASHBOARD) || ++changed > 1) return false;
            }
            return changed == 1;
        }
    }

    /** {@code Pending_Approval/conflicts/<agent>/<id>.md} → {@code <id>}. */
    private static String cardId(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    /** One word for this agent's last cycle: ok, offline, contended, or never. */
    static String health(SyncState s) {
        String o = s.lastOutcome() == null ? "never" : s.lastOutcome();
        if (s.transportError() != null) return label(s.transportError().kind());
        if (o.startsWith("offline")) return "offline";
        if (o.startsWith("push race")) return "contended";
        if (o.equals("never")) return "never synced";
        return "ok";
    }

    /** The short label of a transport failure class as the checkpoint stores it (its name). */
    private static String label(String kind) {
        for (TransportFailure.Kind k : TransportFailure.Kind.values()) {
            if (k.name().equals(kind)) return k.label();
        }
        return "offline";
    }

    /** One word for another agent: never synced, quiet (nothing for longer than {@code quietAfter}), or ok. */
    static String peerHealth(Instant lastSync, Instant now, Duration quietAfter) {
        if (lastSync == null) return "never synced";
        return lastSync.isBefore(now.minus(quietAfter)) ? "quiet" : "ok";
    }

    private static Instant executedAt(byte[] content) {
        Matcher m = EXECUTED.matcher(new String(content, StandardCharsets.UTF_8));
        Instant last = null;
        while (m.find()) {
            try {
                last = Instant.parse(m.group(1));
            } catch (DateTimeParseException e) {
                // a hand-written line: no time
            }
        }
        return last;
    }
}
