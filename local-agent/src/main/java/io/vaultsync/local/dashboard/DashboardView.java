package io.vaultsync.local.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Renders {@code Dashboard.md} from {@link DashboardData}. Pure: the same data gives the same bytes. */
public final class DashboardView {
    /** The most items of one list shown (the counts say how many there are). */
    static final int MAX_ITEMS = 20;

    private DashboardView() {}

    public static String render(DashboardData d) {
        StringBuilder sb = new StringBuilder("# Dashboard\n\n");
        sb.append("_Written by the local agent alone, whenever what it shows changes. Edits here are replaced._\n\n");

        sb.append("## Folders\n\n| folder | files |\n|---|---:|\n");
        d.counts().forEach((folder, n) -> sb.append("| ").append(cell(folder)).append(" | ").append(n).append(" |\n"));

        sb.append("\n## Drafts waiting for approval (").append(d.drafts().size()).append(")\n\n");
        if (d.drafts().isEmpty()) sb.append("None.\n");
        for (String p : first(d.drafts())) {
            sb.append("- ").append(domain(p)).append(": ").append(link(p)).append(" — `local-agent approve \"").append(p).append("\"`\n");
        }
        more(sb, d.drafts());

        sb.append("\n## Open decision cards (").append(d.cards().size()).append(")\n\n");
        if (d.cards().isEmpty()) sb.append("None.\n");
        for (DashboardData.Card c : first(d.cards())) {
            sb.append("- ").append(link(c.id(), cardPath(c))).append(" — ").append(c.kind())
                    .append(" on `").append(c.path()).append("`, raised by ").append(c.raisedBy())
                    .append(" (`resolve ").append(c.id()).append("`)\n");
        }
        more(sb, d.cards());

        sb.append("\n## Agents\n\n| agent | role | last sync | machine | commit | health |\n|---|---|---|---|---|---|\n");
        for (DashboardData.Agent a : d.agents()) {
            sb.append("| ").append(cell(a.name())).append(" | ").append(a.role()).append(" | ").append(time(a.lastSync()))
                    .append(" | ").append(cell(dash(a.machine()))).append(" | ").append(a.commit() == null ? "—" : "`" + a.commit() + "`")
                    .append(" | ").append(a.health()).append(" |\n");
        }

        sb.append("\n## Done, newest first (").append(d.done().size()).append(")\n\n");
        if (d.done().isEmpty()) sb.append("Nothing yet.\n");
        for (DashboardData.DoneItem i : first(d.done())) {
            sb.append("- ").append(link(i.path())).append(i.executedAt() == null ? "" : " — executed " + time(i.executedAt()))
                    .append('\n');
        }
        more(sb, d.done());

        sb.append("\n## Signals, newest first (").append(d.signals().size()).append(")\n\n");
        if (d.signals().isEmpty()) sb.append("None.\n");
        for (DashboardData.SignalFile s : first(d.signals())) {
            sb.append("- ").append(time(s.signal().time())).append(" — ").append(link(s.signal().title(), s.path()));
            if (s.signal().agent() != null) sb.append(" (").append(s.signal().agent()).append(')');
            sb.append('\n');
        }
        more(sb, d.signals());
        return sb.toString();
    }

    public static byte[] bytes(DashboardData d) {
        return render(d).getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<T> first(List<T> l) {
        return l.size() > MAX_ITEMS ? l.subList(0, MAX_ITEMS) : l;
    }

    private static void more(StringBuilder sb, List<?> l) {
        if (l.size() > MAX_ITEMS) sb.append("- … and ").append(l.size() - MAX_ITEMS).append(" more\n");
    }

    private static String cardPath(DashboardData.Card c) {
        return "Pending_Approval/conflicts/" + c.raisedBy() + "/" + c.id() + ".md";
    }

    /** A Markdown link to a vault path, relative to the vault root where the dashboard lives. */
    static String link(String path) {
        return link(path.substring(path.lastIndexOf('/') + 1), path);
    }

    static String link(String text, String path) {
        String label = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
        StringBuilder url = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case ' ' -> url.append("%20");
                case '%' -> url.append("%25");
                case '#' -> url.append("%23");
                case '?' -> url.append("%3F");
                case '(' -> url.append("%28");
                case ')' -> url.append("%29");
                case '<' -> url.append("%3C");
                case '>' -> url.append("%3E");
                default -> url.append(c);
            }
        }
        return "[" + label + "](" + url + ")";
    }

    /** {@code Pending_Approval/email/x.md} → {@code email}. */
    private static String domain(String draft) {
        String[] parts = draft.split("/", 3);
        return parts.length == 3 ? parts[1] : "?";
    }

    /** Text for a table cell: a {@code |} would end the cell. */
    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String time(Instant t) {
        return t == null ? "—" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String dash(String s) {
        return s == null ? "—" : s;
    }
}
