package io.vaultsync.git;

import io.vaultsync.policy.Policy;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Who made a commit, as far as the vault can tell: the agent its {@code Vaultsync-Agent} trailer names, else
 * the agent whose name the author uses, else nobody (a plain git user). Neither is proof: a person with the
 * clone can write both; what this decides is which zones the commit is held to.
 */
public final class Authors {
    private Authors() {}

    /** The policy agent the commit speaks for, or null. */
    public static String agentOf(RevCommit c, Policy policy) {
        String trailer = Trailers.parse(c.getFullMessage()).get(Trailers.AGENT);
        if (trailer != null && policy.agent(trailer).isPresent()) return trailer;
        String name = c.getAuthorIdent().getName();
        return policy.agent(name).isPresent() ? name : null;
    }

    /** The agent, or {@code git: Name <email>} for a commit that names none. */
    public static String display(RevCommit c, Policy policy) {
        String agent = agentOf(c, policy);
        if (agent != null) return agent;
        PersonIdent p = c.getAuthorIdent();
        return "git: " + p.getName() + " <" + p.getEmailAddress() + ">";
    }
}
