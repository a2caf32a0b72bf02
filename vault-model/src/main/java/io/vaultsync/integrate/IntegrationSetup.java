package io.vaultsync.integrate;

import io.vaultsync.git.Trailers;
import io.vaultsync.git.sign.CommitSigner;
import io.vaultsync.policy.Zones;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Who integrates incoming commits and with what, for one cycle: the clone's repository, the policy's zones
 * in force, this agent's name, the trailers, identity and signer of the commits it writes, and how it makes
 * cards. The replay of this agent's commits and the check of others' share it.
 */
public record IntegrationSetup(Repository repo, Zones zones, String agent, Trailers trailers, PersonIdent ident,
        CardMaker cardMaker, CommitSigner signer) {}
