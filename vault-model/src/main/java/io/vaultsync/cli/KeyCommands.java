package io.vaultsync.cli;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Role;
import io.vaultsync.policy.SshPublicKey;
import io.vaultsync.sync.KeyChanges;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that manage commit signing keys: {@code trust} and {@code revoke-key} (local agent: a signed
 * commit changing the policy's keys and {@code .vaultsync/allowed_signers}, pushed at once) and
 * {@code rotate-key} (both agents). Keys are public OpenSSH lines; no private key is ever printed.
 */
public final class KeyCommands {
    private KeyCommands() {}

    static SshPublicKey key(String line) {
        try {
            return SshPublicKey.parse(line);
        } catch (IllegalArgumentException e) {
            throw new VaultStateException("--key: " + e.getMessage());
        }
    }

    /** One sync cycle after a key change: it pushes the commit; its report as for {@code sync}. */
    static int push(CliContext ctx, AgentSettings s, java.nio.file.Path vault) throws IOException {
        SyncReport r = SyncCycle.standard(s).run(vault, ctx.extension().keeper(s));
        Reports.print(ctx.out(), r);
        return Reports.exitCode(r.outcome());
    }

    static void printKeys(PrintWriter out, String me, String title, Policy policy) {
        out.println(me + ": " + title);
        for (AgentSpec a : policy.agents()) {
            for (String k : a.signingKeys()) out.println("  " + a.name() + " signs with " + k);
            for (String k : a.revokedKeys()) out.println("  " + a.name() + " revoked    " + k);
        }
    }

    static void diff(PrintWriter out, Policy before, Policy after) {
        for (AgentSpec a : after.agents()) {
            List<SshPublicKey> was = before.agent(a.name()).map(AgentSpec::signingKeyList).orElse(List.of());
            for (SshPublicKey k : a.signingKeyList()) {
                if (was.stream().noneMatch(k::sameKey)) out.println("  + " + a.name() + " " + k.line());
            }
            for (SshPublicKey k : was) {
                if (a.signingKeyList().stream().noneMatch(k::sameKey)) out.println("  - " + a.name() + " " + k.line());
            }
        }
    }

    @Command(addMethodSubcommands = false, name = "trust", description = {"List an agent's public signing key in the policy (one signed commit that also"
            + " writes .vaultsync/allowed_signers), pushed at once. The cloud agent's init prints the exact command.",
        "--confirm (both agents): after the loss of the local agent's key, accept the policy at the branch head (where you"
            + " listed the new key with C git) as in force in this clone; the change of keys is shown first."})
    public static final class Trust extends VaultCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        static final class What {
            @ArgGroup(exclusive = false)
            Add add;
            @Option(names = "--confirm", required = true, description = "Accept the policy at the head as in force.")
            boolean confirm;
        }

        static final class Add {
            @Parameters(paramLabel = "AGENT", description = "The agent the key belongs to.")
            String agent;
            @Option(names = "--key", required = true, paramLabel = "PUBKEY", description = "'ssh-ed25519 AAAA... comment'")
            String key;
        }

        @Override
        public Integer call() throws Exception {
            return locked(s -> {
                try (VaultRepo repo = VaultRepo.open(opts.vault(), s.branch())) {
                    if (what.confirm) {
                        KeyChanges.Confirmed c = KeyChanges.confirmHead(repo, s);
                        ctx.out().println(s.name() + ": the keys change so (policy at " + c.head().abbreviate(10).name() + "):");
                        diff(ctx.out(), c.before(), c.atHead());
                        printKeys(ctx.out(), s.name(), "confirmed: the policy at the head is in force here", c.atHead());
                        return ExitCodes.OK;
                    }
                    KeyChanges.Change c = new KeyChanges(repo, s, ctx.clock()).trust(what.add.agent, key(what.add.key));
                    if (!c.changed()) {
                        ctx.out().println(s.name() + ": " + what.add.agent + "'s key is listed already; nothing changed");
                        return ExitCodes.OK;
                    }
                    ctx.out().println(s.name() + ": trusts " + what.add.agent + "'s key (commit " + c.commit().abbreviate(10).name() + "):");
                    diff(ctx.out(), c.before(), c.after());
                }
                return push(ctx, s, opts.vault());
            });
        }
    }

    @Command(addMethodSubcommands = false, name = "revoke-key", description = "Move an agent's key from the policy's signing keys to its revoked keys"
            + " (one signed commit, pushed at once): its commits from then on are held to nobody's zones.")
    public static final class RevokeKey extends VaultCommand {
        @Parameters(paramLabel = "AGENT", description = "The agent the key belongs to.")
        String agent;
        @Option(names = "--key", required = true, paramLabel = "PUBKEY", description = "'ssh-ed25519 AAAA... comment'")
        String key;

        @Override
        public Integer call() throws Exception {
            return locked(s -> {
                try (VaultRepo repo = VaultRepo.open(opts.vault(), s.branch())) {
                    KeyChanges.Change c = new KeyChanges(repo, s, ctx.clock()).revoke(agent, key(key));
                    if (!c.changed()) {
                        ctx.out().println(s.name() + ": that key of " + agent + " is revoked already; nothing changed");
                        return ExitCodes.OK;
                    }
                    ctx.out().println(s.name() + ": revoked " + agent + "'s key " + key(key).keyOnly()
                            + " (commit " + c.commit().abbreviate(10).name() + ")");
                }
                return push(ctx, s, opts.vault());
            });
        }
    }

    @Command(addMethodSubcommands = false, name = "rotate-key", description = {"Make a new signing key for this agent.",
        "Local agent: the new key is listed in the policy by a commit signed with the old key and pushed; then the agent"
            + " signs with the new one (the old stays listed until revoke-key).",
        "Cloud agent: signs with the new key at once; prints the trust command to run on the desktop."})
    public static final class RotateKey extends VaultCommand {
        @Override
        public Integer call() throws Exception {
            return locked(s -> {
                var gitDir = VaultRepo.gitDirOf(opts.vault());
                String old = SigningKey.ensure(gitDir).key().publicKey().line();
                if (s.role() == Role.CLOUD) {
                    SigningKey now = SigningKey.prepareNext(gitDir);
                    now = SigningKey.promoteNext(gitDir);
                    ctx.out().println(s.name() + ": signs with a new key " + now.publicKey().line() + " (was " + old + ")");
                    ctx.out().println(s.name() + ": on the desktop, run: " + trustCommand(s.name(), now.publicKey()));
                    return ExitCodes.OK;
                }
                try (VaultRepo repo = VaultRepo.open(opts.vault(), s.branch())) {
                    new KeyChanges(repo, s, ctx.clock()).listNextKey();
                }
                int code = push(ctx, s, opts.vault());
                if (code != ExitCodes.OK) {
                    ctx.err().println(ctx.command() + ": the new key is listed but not pushed yet; this agent still signs"
                            + " with the old key; run rotate-key again once the remote is reachable");
                    return code;
                }
                SigningKey now = SigningKey.promoteNext(gitDir);
                ctx.out().println(s.name() + ": signs with a new key " + now.publicKey().line() + " (was " + old + ");"
                        + " when no commit signed with the old one is in flight: revoke-key " + s.name() + " --key '" + old + "'");
                return ExitCodes.OK;
            });
        }
    }

    /** At the start of {@code run}: a clone without a key (made before commits were signed) gets one, and says so. */
    static void startLines(PrintWriter out, AgentSettings s, java.nio.file.Path gitDir) {
        SigningKey.Ensured k = SigningKey.ensure(gitDir);
        if (!k.created()) return;
        out.println(s.name() + ": made a signing key for this clone (it had none): " + k.key().publicKey().line());
        out.println(s.name() + ": to have the policy list it, run on the desktop: " + trustCommand(s.name(), k.key().publicKey()));
        out.flush();
    }

    /** The command the person runs on the desktop to list an agent's key. */
    public static String trustCommand(String agent, SshPublicKey key) {
        return "local-agent trust " + agent + " --key '" + key.line() + "'";
    }

    /** What init says about the key: the public half, and for an agent whose key the policy does not list, the trust command. */
    static void initLines(PrintWriter out, AgentSettings s, java.nio.file.Path vault) {
        java.nio.file.Path gitDir = vault.resolve(".git");
        SigningKey key = SigningKey.load(gitDir).orElseThrow();
        out.println(s.name() + ": signs its commits with " + key.publicKey().line() + " (private key " + key.file()
                + ", never synced or printed)");
        boolean listed;
        try (VaultRepo repo = VaultRepo.open(vault, s.branch())) {
            listed = io.vaultsync.sync.VaultPolicy.committed(repo).agent(s.name())
                    .map(a -> a.signingKeyList().stream().anyMatch(key.publicKey()::sameKey)).orElse(false);
        } catch (IOException | RuntimeException e) {
            listed = false;
        }
        if (!listed) out.println(s.name() + ": to have the policy list this key, run on the desktop: "
                + trustCommand(s.name(), key.publicKey()));
    }
}
