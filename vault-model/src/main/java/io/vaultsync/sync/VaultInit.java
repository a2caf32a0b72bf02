package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.DeviceId;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.policy.AllowedSigners;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.JGitProgress;
import io.vaultsync.progress.Progress;
import io.vaultsync.transport.InitialRemote;
import io.vaultsync.transport.Redact;
import io.vaultsync.transport.Remote;
import io.vaultsync.transport.RemoteUrls;
import io.vaultsync.config.RemoteAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code init}: clone the vault, seed an empty remote, adopt an existing clone of the same remote, or (local agent)
 * adopt a folder of notes as the vault ({@link FolderAdoption}).
 * Fails before touching anything when the remote is unreachable or the directory is something else.
 */
public final class VaultInit {
    /**
     * {@code HISTORY}: a history without a policy (plain git) made a vault by the local agent ({@link HistoryAdoption});
     * {@code FOLDER}: a folder of notes became the vault ({@link FolderAdoption}).
     */
    public enum Mode { CLONED, SEEDED, ADOPTED, HISTORY, FOLDER }

    /** {@code adoption}: what adopting a folder did (mode {@code FOLDER}), else null. */
    public record Result(Mode mode, AgentSettings settings, Path vault, FolderAdoption.Report adoption) {
        public Result(Mode mode, AgentSettings settings, Path vault) {
            this(mode, settings, vault, null);
        }
    }

    /** Where a password taken out of the URL is kept, under {@code .git/vaultsync/}. */
    public static final String PASSWORD_FILE = "password";

    private static final Logger LOG = LoggerFactory.getLogger(VaultInit.class);

    private final Clock clock;
    private final HistoryAdoption.Options history;
    private final Progress progress;
    private Path signingKey; // init --signing-key: the private key file to sign with, or null to make one

    public VaultInit(Clock clock) {
        this(clock, HistoryAdoption.Options.DEFAULT);
    }

    /** An init that shows on {@code progress} how its clone and fetches go. */
    public VaultInit(Clock clock, Progress progress) {
        this(clock, new HistoryAdoption.Options(false, progress, r -> { }));
    }

    /**
     * {@code history}: how a history without a policy is adopted (audit progress, report, --accept-history);
     * its progress also shows how the clone and fetches go.
     */
    public VaultInit(Clock clock, HistoryAdoption.Options history) {
        this.clock = clock;
        this.history = history;
        this.progress = history.progress();
    }

    /** Sign with {@code privateKeyFile} (unencrypted OpenSSH ed25519) instead of a new key; null: a new one. */
    public VaultInit signingKey(Path privateKeyFile) {
        this.signingKey = privateKeyFile;
        return this;
    }

    public Result init(Path dir, String remote, String agent, Role role, String machine, String branch) {
        return init(dir, remote, agent, role, machine, branch, RemoteAccess.DEFAULT);
    }

    /**
     * As above, reaching the remote with {@code access}. A password in an HTTPS URL is taken out of it: the
     * URL is stored without it, and the password goes to {@code .git/vaultsync/password} (0600).
     */
    public Result init(Path dir, String remoteArg, String agent, Role role, String machine, String branch,
            RemoteAccess access) {
        Path vault = dir.toAbsolutePath().normalize();
        InitialRemote given = InitialRemote.of(remoteArg, access,
                SettingsStore.stateDir(vault.resolve(Constants.DOT_GIT)).resolve(PASSWORD_FILE));
        AgentSettings settings = new AgentSettings(agent, role, machine, given.url(), branch, AgentSettings.DEFAULT_INTERVAL)
                .withAccess(given.access());
        String remote = given.url();
        try {
            if (Files.isDirectory(vault.resolve(Constants.DOT_GIT)) && !FolderAdoption.forgetUnfinished(vault)) {
                return adopt(vault, settings, given);
            }
            if (Files.exists(vault) && !isEmptyDir(vault)) { // a folder of notes: adopted in place, never undone
                FolderAdoption.Report r = new FolderAdoption(clock, progress, signingKey).adopt(vault, settings, given);
                return new Result(Mode.FOLDER, settings, vault, r);
            }
            Collection<Ref> refs = lsRemote(given.remote());
            boolean created = !Files.exists(vault);
            try {
                if (refs.isEmpty()) return seed(vault, settings, given);
                if (refs.stream().noneMatch(r -> r.getName().equals(Constants.R_HEADS + branch))) {
                    throw new VaultStateException("remote " + remote + " has branches but no '" + branch
                            + "'; pass --branch with the vault's branch");
                }
                return cloneInto(vault, settings, given);
            } catch (IOException | GitAPIException | RuntimeException e) {
                undo(vault, created);
                throw e;
            }
        } catch (IOException e) {
            throw new VaultStateException("init of " + vault + " failed: " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new VaultStateException("init of " + vault + " failed: " + e.getMessage(), e);
        }
    }

    private Result adopt(Path vault, AgentSettings s, InitialRemote given) throws IOException {
        try (VaultRepo repo = VaultRepo.open(vault, s.branch())) {
            if (!RemoteUrls.same(repo.remoteUrl(), s.remote())) {
                throw new VaultStateException(vault + " is a clone of " + Redact.url(repo.remoteUrl()) + ", not of " + s.remote());
            }
            VaultRepo.configure(repo.repository());
            SigningKey.install(repo.gitDir(), signingKey);
            if (HistoryAdoption.lacksPolicy(repo)) return adoptHistory(repo, keepTiming(repo.gitDir(), s), given);
            checkAgent(VaultPolicy.committed(repo), s);
            given.keepPassword();
            AgentSettings kept = keepTiming(repo.gitDir(), s);
            SettingsStore.write(repo.gitDir(), kept);
            DeviceId.of(repo.gitDir()); // generated at init
            return new Result(Mode.ADOPTED, kept, vault);
        }
    }

    /** The running agent's timing, set by the person in agent.yaml, survives a second init. */
    private static AgentSettings keepTiming(Path gitDir, AgentSettings s) {
        if (!Files.isRegularFile(SettingsStore.file(gitDir))) return s;
        try {
            AgentSettings was = SettingsStore.read(gitDir);
            return s.withTiming(was.interval(), was.pushDebounce(), was.rescan());
        } catch (VaultStateException unreadable) {
            return s; // rewritten whole: init is how a broken settings file is repaired
        }
    }

    private Result cloneInto(Path vault, AgentSettings s, InitialRemote given) throws GitAPIException, IOException {
        long start = System.nanoTime();
        InitClone.Via via = InitClone.cloneAndCheckout(vault, s, given, progress);
        long checkedOut = System.nanoTime();
        SigningKey.install(vault.resolve(Constants.DOT_GIT), signingKey);
        try (VaultRepo repo = VaultRepo.open(vault, s.branch())) {
            if (HistoryAdoption.lacksPolicy(repo)) return adoptHistory(repo, s, given);
            checkAgent(VaultPolicy.committed(repo), s);
            given.keepPassword();
            SettingsStore.write(repo.gitDir(), s);
            DeviceId.of(repo.gitDir()); // generated at init
        }
        LOG.debug("init of {}: clone ({}) and checkout {} ms, key and checks {} ms", vault, via,
                (checkedOut - start) / 1_000_000, (System.nanoTime() - checkedOut) / 1_000_000);
        return new Result(Mode.CLONED, s, vault);
    }

    private Result seed(Path vault, AgentSettings s, InitialRemote given) throws GitAPIException, IOException {
        Files.createDirectories(vault);
        VaultRepo.create(vault, s.branch(), s.remote());
        Path gitDir = vault.resolve(Constants.DOT_GIT);
        SigningKey.install(gitDir, signingKey);
        given.keepPassword();
        SettingsStore.write(gitDir, s); // the push below reaches the remote through them
        String cloud = s.role() == Role.CLOUD ? s.name() : AgentSettings.defaultName(Role.CLOUD);
        String local = s.role() == Role.LOCAL ? s.name() : AgentSettings.defaultName(Role.LOCAL);
        Policy policy = Policy.defaults(cloud, local);
        List<StagedFile> files = new ArrayList<>();
        add(vault, files, Layout.GITIGNORE, SecretGate.template());
        if (s.role() == Role.LOCAL) policy = KeyChanges.withOwnKey(policy, s.name(), gitDir); // signed from the start
        if (policy.hasSigningKeys()) add(vault, files, AllowedSigners.PATH, KeyChanges.allowedSigners(policy));
        add(vault, files, Policy.PATH, PolicyLoader.render(policy).getBytes(StandardCharsets.UTF_8));
        add(vault, files, Layout.DASHBOARD, Layout.dashboard(policy).getBytes(StandardCharsets.UTF_8));
        for (String d : Layout.folders(policy)) add(vault, files, d + "/" + Layout.KEEP, new byte[0]);
        try (VaultRepo repo = VaultRepo.open(vault, s.branch())) {
            Trailers t = new Trailers(s.name(), s.machine(), "op-" + UUID.randomUUID(), null, DeviceId.of(repo.gitDir()));
            PersonIdent who = new PersonIdent(s.name(), s.name() + "@vaultsync", clock.instant(), clock.getZone());
            CommitWriter.commit(repo, files, t.message("vaultsync: seed the vault"), who);
            RemoteBranch.PushOutcome out = RemoteBranch.push(repo, repo.head(), null);
            if (out instanceof RemoteBranch.PushOutcome.Rejected) {
                adoptConcurrentSeed(repo); // another agent seeded first: take its vault
            }
            checkAgent(VaultPolicy.committed(repo), s);
            SettingsStore.write(repo.gitDir(), s);
            DeviceId.of(repo.gitDir()); // generated at init
        }
        return new Result(Mode.SEEDED, s, vault);
    }

    /** A history with no policy: the local agent adopts it; anyone else is told to let it do that first. */
    private Result adoptHistory(VaultRepo repo, AgentSettings s, InitialRemote given) throws IOException {
        new HistoryAdoption(clock, history).adopt(repo, s, given);
        checkAgent(VaultPolicy.committed(repo), s);
        return new Result(Mode.HISTORY, s, repo.workTree());
    }

    private void adoptConcurrentSeed(VaultRepo repo) throws GitAPIException {
        Repository r = repo.repository();
        var remoteHead = RemoteBranch.fetch(repo, JGitProgress.of(progress));
        if (remoteHead == null) throw new VaultStateException("seeding " + Redact.url(repo.remoteUrl()) + " was refused");
        try (Git git = new Git(r)) {
            git.reset().setMode(ResetType.HARD).setRef(remoteHead.name()).call();
        }
    }

    private static void add(Path vault, List<StagedFile> files, String path, byte[] bytes) throws IOException {
        Path f = vault.resolve(path);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        files.add(new StagedFile(path, bytes, bytes.length, Files.getLastModifiedTime(f)));
    }

    private static void checkAgent(Policy policy, AgentSettings s) {
        AgentSpec spec = policy.agent(s.name()).orElseThrow(() -> new VaultStateException("agent '" + s.name()
                + "' is not in " + Policy.PATH + "; add it there (the local agent owns that file) or pass --agent"));
        if (spec.role() != s.role()) {
            throw new VaultStateException("agent '" + s.name() + "' has role " + spec.role().name().toLowerCase(Locale.ROOT)
                    + " in " + Policy.PATH + "; run init with the " + spec.role().name().toLowerCase(Locale.ROOT)
                    + "-agent instead");
        }
    }

    /** The remote's branches; none for an empty remote. */
    static Collection<Ref> lsRemote(Remote remote) throws GitAPIException, IOException {
        return InitClone.branches(remote);
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void undo(Path vault, boolean created) {
        try {
            if (created && Files.exists(vault)) {
                PathUtils.deleteDirectory(vault);
            } else if (Files.isDirectory(vault)) {
                try (Stream<Path> s = Files.list(vault)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        PathUtils.delete(p);
                    }
                }
            }
        } catch (IOException ignored) {
            // the original error is what the user needs; a leftover directory is named in it
        }
    }

}
