package io.vaultsync.cli;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Role;
import io.vaultsync.gate.HistoryAudit;
import io.vaultsync.gate.HistoryReport;
import io.vaultsync.progress.Progress;
import io.vaultsync.sync.HistoryAdoption;
import io.vaultsync.sync.VaultInit;
import io.vaultsync.config.RemoteAccess;
import io.vaultsync.transport.UrlCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(addMethodSubcommands = false, name = "init", description = {"Clone the vault, seed an empty remote, or adopt an existing clone of it.",
        "Local agent: a --vault folder that already holds notes (no git repository) becomes the vault in place,"
                + " pushed to an empty remote: every file passes the secret gate first (what it holds back stays on"
                + " disk and is listed), your top-level folders join the local zone, nothing is moved or deleted.",
        "Local agent: a remote or clone with history but no policy becomes a vault after its whole history is"
                + " audited for secrets (with findings it stops, exit 27, unless --accept-history)."})
final class InitCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--vault", required = true, paramLabel = "DIR",
            description = "Where the clone lives: a new or empty directory, a clone of the vault, or (local agent) a folder of notes to adopt.")
    Path vault;

    @Option(names = "--remote", required = true, paramLabel = "URL_OR_PATH",
            description = "The shared remote: a bare repository path, ssh:// or https:// URL.")
    String remote;

    @Option(names = "--agent", paramLabel = "NAME", description = "This agent's name in the policy.")
    String agent;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = Policy.DEFAULT_BRANCH,
            description = "The vault branch (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--machine", paramLabel = "NAME", description = "This machine's name in commit trailers.")
    String machine;

    @Option(names = "--handler", paramLabel = "TYPE=COMMAND",
            description = "Cloud: the command that drafts tasks of TYPE (repeatable); saved in .git/vaultsync/actions.yaml.")
    List<String> handlers = new ArrayList<>();

    @Option(names = "--executor", paramLabel = "DOMAIN=COMMAND",
            description = "Local: the command that acts on approved items of DOMAIN (repeatable); saved in .git/vaultsync/actions.yaml.")
    List<String> executors = new ArrayList<>();

    @Option(names = "--ssh-key", paramLabel = "FILE",
            description = "SSH: the private key to use (agent setting ssh_key; default: ~/.ssh/config and ~/.ssh/id_*).")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "SSH: the known_hosts file to check the server's key against (agent setting known_hosts;"
                    + " default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--ssh-passphrase-file", paramLabel = "FILE",
            description = "SSH: a file holding the key's passphrase (else an ssh-agent; never on the command line).")
    Path passphraseFile;

    @Option(names = "--username", paramLabel = "NAME", description = "HTTPS: the user name sent with the token or password.")
    String username;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "HTTPS: a file holding an access token, read again at every connection (rotate it in place).")
    Path tokenFile;

    @Option(names = "--password-file", paramLabel = "FILE", description = "HTTPS: a file holding the password.")
    Path passwordFile;

    @Option(names = "--network-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time limit of every network operation (agent setting network_timeout; default 60s).")
    Duration networkTimeout;

    @Option(names = "--reassign",
            description = "Allow init to change an existing clone's agent name or role (otherwise it keeps who the clone is).")
    boolean reassign;

    @Option(names = "--accept-history",
            description = "Local: adopt a history without a policy even though its audit found secrets in it (they are"
                    + " kept as a decision card); without it init stops and pushes nothing.")
    boolean acceptHistory;

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = "The unencrypted OpenSSH ed25519 private key to sign this agent's commits with (copied to"
                    + " .git/vaultsync/signing_key, 0600); default: a new key made there.")
    Path signingKey;

    @Spec
    CommandSpec spec;

    InitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    @Override
    public Integer call() {
        if (!handlers.isEmpty() && ctx.role() != Role.CLOUD) {
            throw new ParameterException(spec.commandLine(), "--handler is for the cloud agent");
        }
        if (!executors.isEmpty() && ctx.role() != Role.LOCAL) {
            throw new ParameterException(spec.commandLine(), "--executor is for the local agent");
        }
        var assignments = new ArrayList<Map.Entry<String, List<String>>>();
        try {
            for (String h : handlers) assignments.add(ActionsStore.parseAssignment(h));
            for (String e : executors) assignments.add(ActionsStore.parseAssignment(e));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RemoteAccess given;
        try {
            given = new RemoteAccess(abs(sshKey), abs(knownHosts), abs(passphraseFile), username, abs(tokenFile),
                    abs(passwordFile), networkTimeout == null ? RemoteAccess.DEFAULT_TIMEOUT : networkTimeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path settingsFile = SettingsStore.file(vault.toAbsolutePath().normalize().resolve(".git"));
        AgentSettings existing = null;
        if (Files.isRegularFile(settingsFile)) {
            try {
                existing = SettingsStore.read(settingsFile.getParent().getParent());
            } catch (VaultStateException unreadable) {
                ctx.err().println(ctx.command() + ": " + unreadable.getMessage() + "; writing new agent settings");
            }
        }
        InitIdentity who = InitIdentity.decide(existing, ctx.role(), agent, machine, Machine.name(), given,
                networkTimeout != null, reassign);
        String name = who.name();
        var history = new HistoryAdoption.Options(acceptHistory, Progress.forCli(ctx.err()), a -> report(name, a));
        VaultInit.Result r = new VaultInit(ctx.clock(), history).signingKey(abs(signingKey)).init(vault, remote, name, ctx.role(), who.machine(), branch,
                who.access());
        for (String c : who.changes()) ctx.out().println(name + ": changed " + c);
        String how = switch (r.mode()) {
            case CLONED -> "cloned";
            case SEEDED -> "seeded the empty remote and cloned";
            case ADOPTED -> "adopted the existing clone of";
            case HISTORY -> "made a vault of the history of";
            case FOLDER -> "adopted the folder as the vault and pushed it to";
        };
        if (!assignments.isEmpty()) {
            Path gitDir = r.vault().resolve(".git");
            Actions a = ActionsStore.read(gitDir);
            for (var e : assignments) {
                a = ctx.role() == Role.CLOUD ? a.withHandler(e.getKey(), e.getValue())
                        : a.withExecutor(e.getKey(), e.getValue());
            }
            ActionsStore.write(gitDir, a);
        }
        ctx.out().println(name + ": " + how + " " + r.settings().remote() + " (branch " + branch + ") at " + r.vault());
        if (r.adoption() != null) AdoptionLines.print(ctx.out(), name, r.adoption());
        KeyCommands.initLines(ctx.out(), r.settings(), r.vault());
        if (UrlCredentials.split(remote).hasPassword()) {
            ctx.out().println(name + ": the password given in the URL is kept in " + r.settings().access().passwordFile()
                    + " (mode 0600, readable only by you); the URL is stored without it");
        }
        return ExitCodes.OK;
    }

    /** The history audit's findings (never a secret), said before init goes on or stops. */
    private void report(String name, HistoryAudit.Report a) {
        ctx.out().println(name + ": " + HistoryReport.summary(a));
        if (a.clean()) return;
        for (String line : HistoryReport.findings(a)) ctx.out().println("  " + line);
        for (String line : HistoryReport.advice()) ctx.out().println(line);
        ctx.out().flush();
    }
}
