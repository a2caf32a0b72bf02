package io.vaultsync.integrate;

import io.vaultsync.git.CommitTrust;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.sign.CommitSigner;
import io.vaultsync.policy.Zones;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Who integrates incoming commits and with what, for one cycle: the clone's repository, the policy's zones
 * in force, this agent's name, the trailers, identity and signer of the commits it writes, and how it makes
 * cards. The replay of this agent's commits and the check of others' share it. {@code own} is what the agent's
 * journal knows of its own commits (a fetched commit naming it that it never made is a forgery).
 */
public record IntegrationSetup(Repository repo, Zones zones, String agent, Trailers trailers, PersonIdent ident,
        CardMaker cardMaker, CommitSigner signer, CommitTrust.Own own) {
    /** Without a journal: a commit naming this agent is taken as its own. */
    public IntegrationSetup(Repository repo, Zones zones, String agent, Trailers trailers, PersonIdent ident,
            CardMaker cardMaker, CommitSigner signer) {
        this(repo, zones, agent, trailers, ident, cardMaker, signer, CommitTrust.Own.NAMES);
    }
}
