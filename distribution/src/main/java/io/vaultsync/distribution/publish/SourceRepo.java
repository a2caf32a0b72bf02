package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.DistributionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The source repository, read only: its release tags, HEAD, files at a commit and the commits touching them. */
public final class SourceRepo implements AutoCloseable {
    private static final Pattern RELEASE = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private final Repository repo;

    private SourceRepo(Repository repo) {
        this.repo = repo;
    }

    /** Opens the repository whose work tree (or git directory) is {@code dir}. */
    public static SourceRepo open(Path dir) {
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
            if (b.getGitDir() == null) {
                throw new DistributionException(dir + ": not a git repository (--source)");
            }
            return new SourceRepo(b.setMustExist(true).build());
        } catch (IOException e) {
            throw new DistributionException(dir + ": cannot open the source repository: " + e.getMessage(), e);
        }
    }

    public Repository repository() {
        return repo;
    }

    public Path gitDir() {
        return repo.getDirectory().toPath();
    }

    /** The release tags {@code vX.Y.Z}, oldest first, each with the commit it names. */
    public Map<String, ObjectId> releases() throws IOException {
        Map<String, ObjectId> out = new TreeMap<>(Comparator.comparing(SourceRepo::versionKey));
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            String name = ref.getName().substring(Constants.R_TAGS.length());
            if (RELEASE.matcher(name).matches()) {
                Ref peeled = repo.getRefDatabase().peel(ref);
                out.put(name, peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId());
            }
        }
        return out;
    }

    /** The newest release tag, if any. */
    public Optional<String> newestRelease() throws IOException {
        Map<String, ObjectId> r = releases();
        return r.isEmpty() ? Optional.empty() : Optional.of(((TreeMap<String, ObjectId>) r).lastKey());
    }

    /** The release just before {@code version}, if any. */
    public Optional<String> releaseBefore(String version) throws IOException {
        return Optional.ofNullable(((TreeMap<String, ObjectId>) releases()).lowerKey(version));
    }

    /** The commit HEAD names. */
    public ObjectId head() throws IOException {
        ObjectId id = repo.resolve(Constants.HEAD + "^{commit}");
        if (id == null) {
            throw new DistributionException(repo.getDirectory() + ": the source has no commit yet");
        }
        return id;
    }

    /** Every file of a commit: path → blob id. */
    public Map<String, ObjectId> files(ObjectId commit) throws IOException {
        return GitTrees.files(repo, commit);
    }

    public byte[] read(ObjectId blob) throws IOException {
        return repo.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    /** One file of a commit. */
    public Optional<byte[]> read(ObjectId commit, String path) throws IOException {
        return GitTrees.read(repo, commit, path);
    }

    /** {@code abbrev subject} of each commit after {@code since} (exclusive; null: all) up to {@code to} touching {@code paths}. */
    public List<String> changelog(ObjectId since, ObjectId to, Collection<String> paths, int max) throws IOException {
        List<String> out = new ArrayList<>();
        if (paths.isEmpty()) {
            return out;
        }
        try (RevWalk rw = new RevWalk(repo)) {
            rw.markStart(rw.parseCommit(to));
            if (since != null) {
                rw.markUninteresting(rw.parseCommit(since));
            }
            rw.setRevFilter(RevFilter.NO_MERGES);
            rw.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            for (RevCommit c : rw) {
                out.add(c.abbreviate(7).name() + " " + c.getShortMessage());
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    /** A sortable key of a release name: zero-padded numbers. */
    static String versionKey(String v) {
        Matcher m = RELEASE.matcher(v);
        if (!m.matches()) {
            return v;
        }
        return String.format("%09d.%09d.%09d", Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    @Override
    public void close() {
        repo.close();
    }
}
