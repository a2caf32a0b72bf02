package io.vaultsync.distribution.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One rules file: a single {@code sync_rule:} document. */
record RuleFile(@JsonProperty("sync_rule") SyncRule syncRule) {
    RuleFile {
        if (syncRule == null) {
            throw new IllegalArgumentException("missing required key 'sync_rule'");
        }
    }
}
