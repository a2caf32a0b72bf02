package io.vaultsync.distribution.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a rule turns a source file into a downstream file. */
public enum Strategy {
    /** The file's bytes, through the rule's transforms. */
    @JsonProperty("copy") COPY,
    /** A Mustache template rendered with the downstream's variables, then the transforms. */
    @JsonProperty("template") TEMPLATE,
    /** A stub that links to the canonical file at the released version; no content copied. */
    @JsonProperty("reference") REFERENCE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
