package io.vaultsync.conflict;

import java.util.Locale;

/** The options of a decision card. "Ours" is the version of the agent that raised the card. */
public enum Keep {
    /** The card agent's version ends in place; the other stays in history. */
    OURS,
    /** The other side's version ends in place. */
    THEIRS,
    /** The version in place stays, and the other becomes a file of its own next to it. */
    BOTH,
    /** Close the card and change nothing: the saved copy stays where it is. */
    SKIP;

    public String yamlName() {
        return this == SKIP ? "skip" : "keep_" + name().toLowerCase(Locale.ROOT);
    }

    /** {@code ours}, {@code keep_ours}, {@code both}, {@code skip}, ... */
    public static Keep parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("keep_")) t = t.substring(5);
        for (Keep k : values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(t)) return k;
        }
        throw new IllegalArgumentException("'" + s + "' is not one of ours, theirs, both, skip");
    }
}
