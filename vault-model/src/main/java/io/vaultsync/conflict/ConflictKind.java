package io.vaultsync.conflict;

import java.util.Locale;

/** What kind of disagreement a decision card records. */
public enum ConflictKind {
    /** Both sides changed the same file. */
    CONTENT,
    /** One side changed a file the other deleted. */
    MODIFY_DELETE,
    /** Both sides created the same path with different bytes. */
    ADD_ADD,
    /** This agent edited a path outside its zones and the zone's owner changed it too. */
    OUT_OF_ZONE_LOCAL_EDIT,
    /** This agent worked on a task that another agent holds on the remote (a claim lost after the fact). */
    DOUBLE_CLAIM,
    /**
     * The local agent gave its verdict on a draft (moved it to {@code Approved/} or {@code Rejected/}) and the
     * draft was edited by another side meanwhile: the verdict stands for the bytes the person saw, the edit is
     * kept aside and never comes back as a new draft.
     */
    EDIT_AFTER_VERDICT,
    /** A fetched commit wrote into this agent's zones without the right to (another agent, or plain git). */
    ZONE_VIOLATION,
    /** A fetched commit changed the policy file, and its author is not the policy's owner. */
    POLICY_CHANGE,
    /** A cloud handler kept failing on a task; the task stays where it is until a person decides. */
    HANDLER_FAILED,
    /** A local executor kept failing on an approved item; the item stays in {@code Approved/} until a person decides. */
    EXECUTION_FAILED,
    /** A task deleted earlier came back (a watcher ingested it again, a late writer): kept aside, not restored. */
    TOMBSTONED,
    /**
     * {@code init} adopted a history that holds secrets (with {@code --accept-history}): the card lists where
     * (path, first commit, rule, never the secret) until a person has purged them.
     */
    HISTORY_SECRETS;

    /** True for the kinds that weigh two versions of a file (decided by {@link ConflictDecision}). */
    public boolean weighsVersions() {
        return this != HANDLER_FAILED && this != EXECUTION_FAILED && this != TOMBSTONED && this != HISTORY_SECRETS;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ConflictKind fromYaml(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
