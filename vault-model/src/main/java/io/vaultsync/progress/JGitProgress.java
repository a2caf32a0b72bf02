package io.vaultsync.progress;

import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * JGit's progress monitor onto a {@link Progress}: each JGit task ("Receiving objects", "Resolving deltas",
 * "Checking out files") is a phase counting what its title names. For {@link Progress#NONE} it is JGit's own
 * null monitor, so work nobody watches costs nothing more.
 */
public final class JGitProgress implements ProgressMonitor {
    private final Progress progress;
    private boolean inTask;

    private JGitProgress(Progress progress) {
        this.progress = progress;
    }

    /** The monitor that reports to {@code progress}. */
    public static ProgressMonitor of(Progress progress) {
        Objects.requireNonNull(progress, "progress");
        return progress == Progress.NONE ? NullProgressMonitor.INSTANCE : new JGitProgress(progress);
    }

    @Override
    public void start(int totalTasks) {
        // each task is told by itself
    }

    @Override
    public synchronized void beginTask(String title, int totalWork) {
        if (inTask) progress.end();
        progress.beginCount(title, unit(title), totalWork > 0 ? totalWork : -1);
        inTask = true;
    }

    @Override
    public void update(int completed) {
        progress.advance(completed, 0);
    }

    @Override
    public synchronized void endTask() {
        if (!inTask) return;
        progress.end();
        inTask = false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void showDuration(boolean enabled) {
        // the terminal line shows the rate and estimate instead
    }

    /** What a JGit task counts: the last word of its title ("Receiving objects": objects), else "items". */
    static String unit(String title) {
        String t = title == null ? "" : title.trim();
        String last = t.substring(t.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
        return last.matches("[a-z]+s") ? last : "items";
    }
}
