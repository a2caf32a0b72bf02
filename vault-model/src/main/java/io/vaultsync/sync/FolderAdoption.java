package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.DeviceId;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.ObjectSink;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.policy.GateSettings;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.Progress;
import io.vaultsync.transport.InitialRemote;
import io.vaultsync.transport.Redact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.io.file.PathUtils;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * {@code local-agent init} on a folder that already holds notes (and is no git repository): the folder becomes
 * the vault in place. Every file goes through the secret gate; what it holds back stays on disk and is
 * reported. The policy gives the local agent the top-level folders of notes that are in nobody's zone (and the
 * top-level files), and one first commit of the notes plus the vault's own files is pushed to the empty
 * remote. Nothing in the folder is moved, renamed, deleted or overwritten: the vault's files are written
 * only where nothing is (the {@code .gitignore} is merged, keeping every line), and only once the push has
 * succeeded; on any failure before that, only the {@code .git} made here is removed.
 */
public final class FolderAdoption {
    /** What the adoption did, for the person to read: nothing in it is a file's content. */
    public record Report(int committed, long bytes, List<BlockedPath> heldBack, List<String> zonesGiven,
            boolean rootFiles, Map<String, String> otherZones, List<String> added, int denyKept) {
        public Report {
            heldBack = List.copyOf(heldBack);
            zonesGiven = List.copyOf(zonesGiven);
            otherZones = Map.copyOf(otherZones);
            added = List.copyOf(added);
        }
    }

    /** In the {@code .git} of an adoption not pushed yet (stopped, killed): the next init starts it again. */
    static final String UNFINISHED = "vaultsync-adopting";

    private final Clock clock;
    private final Progress progress;
    private final Path signingKey;

    public FolderAdoption(Clock clock, Progress progress) {
        this(clock, progress, null);
    }

    /** {@code signingKey}: the private key file to sign the first commit with ({@code init --signing-key}), or null. */
    public FolderAdoption(Clock clock, Progress progress, Path signingKey) {
        this.signingKey = signingKey;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Adopts {@code vault} (a folder with files, no {@code .git}) for the local agent {@code s}. */
    public Report adopt(Path vault, AgentSettings s, InitialRemote given) throws IOException, GitAPIException {
        if (s.role() != Role.LOCAL) {
            throw new VaultStateException(vault + " already holds files: only the local agent adopts a folder of notes;"
                    + " run local-agent init --vault " + vault + " there, then cloud-agent init with a new, empty --vault");
        }
        if (Files.isSymbolicLink(vault)) { // a vault is opened by its own path (VaultRepo): name the folder itself
            throw new VaultStateException(vault + " is a link; run init with the folder it points to, "
                    + vault.toRealPath());
        }
        if (!Files.isDirectory(vault, LinkOption.NOFOLLOW_LINKS)) {
            throw new VaultStateException(vault + " exists and is not a folder; choose a folder of notes or a new directory");
        }
        if (Files.exists(vault.resolve(Policy.PATH), LinkOption.NOFOLLOW_LINKS)) {
            throw new VaultStateException(vault + " holds a " + Policy.PATH + " but no .git: it looks like a copy of a"
                    + " vault; init a new, empty directory on that vault's remote instead");
        }
        if (!VaultInit.lsRemote(given.remote()).isEmpty()) {
            throw new VaultStateException("remote " + Redact.url(s.remote()) + " already has branches; adopting a folder"
                    + " of notes needs an empty remote (create a new, empty repository) and changes nothing in " + vault);
        }
        Path gitDir = vault.resolve(Constants.DOT_GIT);
        Pushed pushed = null;
        try {
            pushed = pushFirstCommit(vault, s, given);
        } finally {
            if (pushed == null) removeOurGit(gitDir); // the remote has nothing of it: as if init never ran
        }
        // the remote has the vault now: the .git stays whatever happens below, and init run again adopts the clone
        Files.deleteIfExists(gitDir.resolve(UNFINISHED));
        for (var e : pushed.toWrite().entrySet()) AtomicFiles.write(vault.resolve(e.getKey()), e.getValue()); // new, or the merged .gitignore
        DeviceId.of(gitDir); // generated at init
        return pushed.report();
    }

    /** The first commit pushed, and the vault's files it holds that are not on disk yet. */
    private record Pushed(Report report, Map<String, byte[]> toWrite) {}

    private Pushed pushFirstCommit(Path vault, AgentSettings s, InitialRemote given) throws IOException, GitAPIException {
        VaultRepo.create(vault, s.branch(), s.remote());
        Path gitDir = vault.resolve(Constants.DOT_GIT);
        Files.createFile(gitDir.resolve(UNFINISHED));
        SigningKey.install(gitDir, signingKey); // the first commit is signed // until the push: a run stopped before it is started again
        given.keepPassword();
        SettingsStore.write(gitDir, s); // the push below reaches the remote through them
        byte[] ignore = readIfFile(vault.resolve(Layout.GITIGNORE));
        List<String> personal = AdoptionPlan.personalDeny(ignore);
        Policy base = Policy.defaults(AgentSettings.defaultName(Role.CLOUD), s.name());
        base = base.withGate(new GateSettings(base.gate().maxFileSize(), personal));
        SecretGate gate = PolicyGate.of(base);
        Map<String, byte[]> toWrite = new LinkedHashMap<>();
        try (VaultRepo repo = VaultRepo.open(vault, s.branch());
                ObjectInserter ins = ObjectSink.open(repo.repository(), Integer.MAX_VALUE)) { // one pack, fsynced once
            FolderScan.Result scan = FolderScan.run(vault, gate, ins, progress);
            List<String> paths = scan.passed().stream().map(FolderScan.Passed::path).toList();
            AdoptionPlan.Zoning zoning = AdoptionPlan.zoning(base, s.name(), paths);
            Policy policy = zoning.policy();
            List<BlockedPath> held = new ArrayList<>(scan.heldBack());
            byte[] merged = AdoptionPlan.mergeGitignore(ignore, SecretGate.bundledTemplate());
            boolean other = ignore == null && Files.exists(vault.resolve(Layout.GITIGNORE), LinkOption.NOFOLLOW_LINKS);
            if (other || merged != null && ignore != null && gate.check(Layout.GITIGNORE, false, merged.length, merged).blocked()) {
                merged = null; // a link, or a file the gate holds back: left exactly as it is
            }
            if (merged != null) toWrite.put(Layout.GITIGNORE, merged);
            toWrite.put(Policy.PATH, PolicyLoader.render(policy).getBytes(StandardCharsets.UTF_8));
            putIfAbsent(vault, toWrite, Layout.DASHBOARD, Layout.dashboard(policy).getBytes(StandardCharsets.UTF_8));
            for (String d : Layout.folders(policy)) putIfAbsent(vault, toWrite, d + "/" + Layout.KEEP, new byte[0]);
            ObjectId commit = commit(repo, ins, scan.passed(), toWrite, s);
            RemoteBranch.PushOutcome out = RemoteBranch.push(repo, commit, null);
            if (out instanceof RemoteBranch.PushOutcome.Rejected rej) {
                throw new VaultStateException("remote " + Redact.url(s.remote()) + " refused the first commit ("
                        + rej.status() + "): it is no longer empty? Nothing in " + vault + " was changed; run init again"
                        + " with an empty remote");
            }
            createBranch(repo, commit);
            return new Pushed(new Report(scan.passed().size(), scan.bytes(), held, zoning.given(), zoning.rootFiles(),
                    zoning.elsewhere(), List.copyOf(toWrite.keySet()), personal.size()), toWrite);
        }
    }

    /** The first commit, on no branch yet: the notes that passed and the vault's files, in the index too. */
    private ObjectId commit(VaultRepo vault, ObjectInserter ins, List<FolderScan.Passed> notes, Map<String, byte[]> ours,
            AgentSettings s) throws IOException {
        Repository repo = vault.repository();
        DirCache dc = repo.lockDirCache();
        ObjectId treeId;
        try {
            DirCacheBuilder b = dc.builder();
            for (FolderScan.Passed p : notes) {
                if (ours.containsKey(p.path())) continue; // the merged .gitignore replaces the person's in the commit
                b.add(entry(p.path(), p.blob(), p.size(), p.modified().toMillis()));
            }
            for (var e : ours.entrySet()) {
                b.add(entry(e.getKey(), ins.insert(Constants.OBJ_BLOB, e.getValue()), e.getValue().length, 0));
            }
            b.finish();
            treeId = dc.writeTree(ins);
            dc.write();
            dc.commit();
        } finally {
            dc.unlock();
        }
        Trailers t = new Trailers(s.name(), s.machine(), "op-" + UUID.randomUUID(), null, DeviceId.of(vault.gitDir()));
        PersonIdent who = new PersonIdent(s.name(), s.name() + "@vaultsync", clock.instant(), clock.getZone());
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(treeId);
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(t.message("vaultsync: adopt the folder of notes as the vault"));
        vault.signer().sign(repo, cb);
        ObjectId commit = ins.insert(cb);
        ObjectSink.durable(repo, ins, commit);
        return commit;
    }

    /** The branch at the pushed first commit: made only once the remote has it, so a stopped run has no commit. */
    private static void createBranch(VaultRepo vault, ObjectId commit) throws IOException {
        RefUpdate u = vault.repository().updateRef(vault.branchRef());
        u.setNewObjectId(commit);
        u.setExpectedOldObjectId(ObjectId.zeroId());
        u.setRefLogMessage("vaultsync: adopt", false);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW) throw new IOException("cannot create branch " + vault.branch() + ": " + r);
    }

    /**
     * When {@code vault} holds the {@code .git} of an adoption stopped before its push (Ctrl-C during the gate's pass,
     * a crash), removes that {@code .git} (nothing else) and returns true: init then adopts the folder afresh.
     */
    static boolean forgetUnfinished(Path vault) throws IOException {
        Path gitDir = vault.resolve(Constants.DOT_GIT);
        if (!Files.isRegularFile(gitDir.resolve(UNFINISHED), LinkOption.NOFOLLOW_LINKS)) return false;
        try (Repository r = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            if (!r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).isEmpty()) return false; // committed: not ours to drop
        }
        removeOurGit(gitDir);
        return !Files.exists(gitDir, LinkOption.NOFOLLOW_LINKS);
    }

    /** Removes the {@code .git} this adoption made (nothing else); a leftover is named by the error the caller sees. */
    private static void removeOurGit(Path gitDir) {
        try {
            // forgotten first: the process's repository cache would serve the next init here stale objects
            RepositoryCache.unregister(RepositoryCache.FileKey.exact(gitDir.toFile(), FS.DETECTED));
            if (Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)) PathUtils.deleteDirectory(gitDir);
        } catch (IOException ignored) {
            // the original failure is what the person needs to read
        }
    }

    private static DirCacheEntry entry(String path, ObjectId blob, long size, long modifiedMillis) {
        DirCacheEntry e = new DirCacheEntry(path);
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(blob);
        e.setLength(size);
        e.setLastModified(java.time.Instant.ofEpochMilli(modifiedMillis));
        return e;
    }

    private static void putIfAbsent(Path vault, Map<String, byte[]> files, String path, byte[] bytes) {
        if (!Files.exists(vault.resolve(path), LinkOption.NOFOLLOW_LINKS)) files.put(path, bytes);
    }

    private static byte[] readIfFile(Path f) throws IOException {
        return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(f) : null;
    }

}
