package io.vaultsync.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the task moves (claim, release, handoff, takeover, return) in one commit's changes by one agent.
 * A move is a deletion and an addition of the same task name in the task folders. Pure.
 */
public final class TaskMoves {
    public static final String NEEDS_ACTION = "Needs_Action/";
    public static final String IN_PROGRESS = "In_Progress/";

    private TaskMoves() {}

    public static List<TaskMove> find(String agent, Collection<String> agents, Collection<Zones.Change> changes) {
        Set<String> added = new HashSet<>();
        List<String> deleted = new ArrayList<>();
        for (Zones.Change c : changes) {
            if (c.kind() == Zones.Change.Kind.ADD) added.add(c.path());
            if (c.kind() == Zones.Change.Kind.DELETE) deleted.add(c.path());
        }
        String mine = IN_PROGRESS + agent + "/";
        List<TaskMove> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String from : deleted) {
            String task = remainder(from, NEEDS_ACTION);
            if (task != null) {
                add(out, used, added, TaskMove.Kind.CLAIM, task, from, mine + task, null);
                continue;
            }
            String owner = inProgressOwner(from);
            if (owner == null) continue;
            task = from.substring(IN_PROGRESS.length() + owner.length() + 1);
            if (owner.equals(agent)) {
                if (add(out, used, added, TaskMove.Kind.RELEASE, task, from, NEEDS_ACTION + task, null)) continue;
                for (String to : agents) {
                    if (!to.equals(agent)
                            && add(out, used, added, TaskMove.Kind.HANDOFF, task, from, IN_PROGRESS + to + "/" + task, to)) {
                        break;
                    }
                }
            } else if (!add(out, used, added, TaskMove.Kind.TAKEOVER, task, from, mine + task, owner)) {
                add(out, used, added, TaskMove.Kind.RETURN, task, from, NEEDS_ACTION + task, owner);
            }
        }
        return out;
    }

    private static boolean add(List<TaskMove> out, Set<String> used, Set<String> added, TaskMove.Kind kind,
            String task, String from, String to, String other) {
        if (!added.contains(to) || used.contains(to)) return false;
        used.add(to);
        out.add(new TaskMove(kind, task, from, to, other));
        return true;
    }

    /** For {@code In_Progress/x/rest}, {@code x}; null for any other path. */
    public static String inProgressOwner(String path) {
        String rest = remainder(path, IN_PROGRESS);
        if (rest == null) return null;
        int slash = rest.indexOf('/');
        return slash > 0 && slash < rest.length() - 1 ? rest.substring(0, slash) : null;
    }

    /** The task name of a path in {@code Needs_Action/} or {@code In_Progress/<x>/}; null otherwise. */
    public static String taskName(String path) {
        String na = remainder(path, NEEDS_ACTION);
        if (na != null) return na;
        String owner = inProgressOwner(path);
        return owner == null ? null : path.substring(IN_PROGRESS.length() + owner.length() + 1);
    }

    private static String remainder(String path, String prefix) {
        return path.startsWith(prefix) && path.length() > prefix.length() ? path.substring(prefix.length()) : null;
    }
}
