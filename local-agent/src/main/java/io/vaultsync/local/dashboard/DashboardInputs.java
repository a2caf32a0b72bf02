package io.vaultsync.local.dashboard;

import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.LastPushes;
import io.vaultsync.git.Trailers;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import io.vaultsync.signal.Signal;
import io.vaultsync.status.OpenCards;
import io.vaultsync.sync.CycleContext;
import io.vaultsync.sync.SyncState;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Gathers {@link DashboardData} from the local clone: its work tree, its branch's history and its sync state. */
public final class DashboardInputs {
    public static final String DASHBOARD = "Dashboard.md";
    /** By default, another agent with no sync for longer than this is shown as quiet. */
    static final Duration QUIET_AFTER = Duration.ofHours(24);
    private static final Pattern EXECUTED = Pattern.compile("(?m)^- executed at: (\\S+)$");

    private DashboardInputs() {}

    /** The dashboard's data as the cycle starts; another agent silent for longer than {@code quietAfter} is quiet. */
    public static DashboardData collect(CycleContext ctx, Duration quietAfter) throws IOException {
        Path wt = ctx.vault().workTree();
        Policy policy = ctx.policy();
        SecretGate gate = ctx.gate();
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("Needs_Action", files(wt, "Needs_Action", gate).size());
        for (AgentSpec a : policy.agents()) counts.put("In_Progress/" + a.name(), files(wt, "In_Progress/" + a.name(), gate).size());
        List<String> drafts = new ArrayList<>();
        for (String domain : folders(wt.resolve("Pending_Approval"))) {
            if (domain.equals("conflicts")) continue;
            List<String> in = files(wt, "Pending_Approval/" + domain, gate);
            counts.put("Pending_Approval/" + domain, in.size());
            drafts.addAll(in);
        }
        for (String f : List.of("Approved", "Rejected", "Done", "Updates")) counts.put(f, files(wt, f, gate).size());

        List<DashboardData.Card> cards = OpenCards.list(wt).stream()
                .map(c -> new DashboardData.Card(cardId(c.card()), c.kind(), c.path(), c.agent())).toList();

        List<DashboardData.DoneItem> done = new ArrayList<>();
        for (String p : files(wt, "Done", gate)) done.add(new DashboardData.DoneItem(p, executedAt(wt.resolve(p))));
        done.sort(Comparator.comparing(DashboardData.DoneItem::executedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(DashboardData.DoneItem::path));

        List<DashboardData.SignalFile> signals = new ArrayList<>();
        for (String p : files(wt, "Updates", gate)) {
            byte[] bytes = Files.readAllBytes(wt.resolve(p));
            if (!gate.checkContent(p, bytes).blocked()) signals.add(new DashboardData.SignalFile(p, Signal.parse(p, bytes)));
        }
        signals.sort(Comparator.comparing((DashboardData.SignalFile s) -> s.signal().time(),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(DashboardData.SignalFile::path));
        counts.put("Updates", signals.size()); // less any the content scan holds back; the row keeps its place

        return new DashboardData(counts, drafts, cards, agents(ctx, quietAfter), done, signals);
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

    private static Instant executedAt(Path f) throws IOException {
        Matcher m = EXECUTED.matcher(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
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

    /**
     * Vault paths of the visible regular files below a folder that the secret gate lets through by path
     * (denylist, size), sorted: what the gate holds back is neither read nor named on the dashboard.
     */
    static List<String> files(Path wt, String folder, SecretGate gate) throws IOException {
        Path dir = wt.resolve(folder);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (f.getFileName().toString().startsWith(".")) continue;
                String rel = wt.relativize(f).toString().replace('\\', '/');
                if (!gate.checkPath(rel, false, Files.size(f)).blocked()) out.add(rel);
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))
                    .map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
