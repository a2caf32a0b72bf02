package io.vaultsync.distribution.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When a rule runs. */
public enum Frequency {
    /** For each new release tag vX.Y.Z of the source. */
    @JsonProperty("on_release") ON_RELEASE,
    /** For new commits on the source branch that touch the rule's files. */
    @JsonProperty("on_change") ON_CHANGE,
    /** Only when asked: {@code publish --rule ID}. */
    @JsonProperty("manual") MANUAL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
