package io.vaultsync.local.notify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which drafts and cards are new to the person at the desktop: those waiting now that were not waiting at
 * the last notification. Pure.
 * <ul>
 * <li>never notified before (no record yet) → nothing is announced, what waits now is remembered: turning
 * {@code notify} on does not announce a backlog as news;</li>
 * <li>a path waiting now and not remembered → announced (once; a path that went away and came back is new
 * again);</li>
 * <li>what is remembered is what waits now, announced or not: the record never grows past the vault.</li>
 * </ul>
 */
public final class Arrivals {
    private Arrivals() {}

    /** One draft or card as the notify command reads it: {@code kind} is {@code draft} or {@code card}. */
    public record Item(String path, String kind, String title) {
        public static final String DRAFT = "draft";
        public static final String CARD = "card";

        public Item {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(title, "title");
        }
    }

    /** What to announce now, and what to remember for the next time. */
    public record Decision(List<Item> announce, Set<String> remember) {
        public Decision {
            announce = List.copyOf(announce);
            remember = Set.copyOf(remember);
        }
    }

    /**
     * @param remembered the paths waiting at the last notification; null when there is no record yet
     * @param waiting    what waits now, in the order it is to be announced
     */
    public static Decision decide(Set<String> remembered, List<Item> waiting) {
        Set<String> now = new LinkedHashSet<>();
        for (Item i : waiting) now.add(i.path());
        if (remembered == null) return new Decision(List.of(), now);
        return new Decision(waiting.stream().filter(i -> !remembered.contains(i.path())).toList(), now);
    }
}
