package io.vaultsync.policy;

import java.util.Locale;

/** What an agent is for: the cloud drafts, the local agent approves and acts (and owns the policy). */
public enum Role {
    CLOUD, LOCAL;

    /** The name used in the policy file: {@code cloud} or {@code local}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
