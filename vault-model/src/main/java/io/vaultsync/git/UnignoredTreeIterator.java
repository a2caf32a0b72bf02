package io.vaultsync.git;

import java.io.File;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.util.FS;

/**
 * A work-tree iterator that ignores {@code .gitignore}: the agent's candidates are decided by its zones
 * and its secret gate alone, so a denied file is reported as blocked whether or not {@code .gitignore}
 * exists, and a {@code .gitignore} that lost a line cannot let anything through.
 */
final class UnignoredTreeIterator extends FileTreeIterator {
    UnignoredTreeIterator(Repository repo) {
        super(repo);
    }

    private UnignoredTreeIterator(WorkingTreeIterator parent, File dir, FS fs, FileModeStrategy strategy) {
        super(parent, dir, fs, strategy);
    }

    @Override
    public boolean isEntryIgnored() {
        return false;
    }

    @Override
    protected boolean isEntryIgnored(int pLen) {
        return false;
    }

    @Override
    public AbstractTreeIterator createSubtreeIterator(ObjectReader reader) {
        return new UnignoredTreeIterator(this, getEntryFile(), fs, fileModeStrategy);
    }
}
