package io.vaultsync.progress;

import java.io.PrintWriter;

/**
 * Progress of one long piece of work (adoption, a history audit, a clone, a full scan), told in phases: what
 * is done of what there is. On a terminal it is a line redrawn a few times a second (files and bytes done,
 * rate, estimate); elsewhere nothing is shown but what the command prints as its summary. Safe to advance
 * from several threads.
 */
public interface Progress {
    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String phase, long totalFiles, long totalBytes) {
        }

        @Override
        public void advance(long files, long bytes) {
        }

        @Override
        public void end() {
        }
    };

    /** A new phase begins ({@code phase}: a few words, e.g. "auditing history"); a total not known is -1. */
    void begin(String phase, long totalFiles, long totalBytes);

    /**
     * A new phase that counts something other than files ({@code unit}: "objects", "commits"), with no bytes;
     * a total not known is -1. By default the same as {@link #begin} with no byte total.
     */
    default void beginCount(String phase, String unit, long total) {
        begin(phase, total, -1);
    }

    /** Adds {@code files} and {@code bytes} to what is done in the phase. */
    void advance(long files, long bytes);

    /** The phase has ended: a terminal line is finished (cleared); nothing else is printed. */
    void end();

    /**
     * The progress a CLI command shows on {@code err}: a redrawn line when the CLI made {@code err} a
     * {@link ProgressErr} that shows progress (a terminal, or {@code VAULTSYNC_PROGRESS=always}; never with
     * -q nor under {@code run}), otherwise {@link #NONE}. Each call starts a fresh display.
     */
    static Progress forCli(PrintWriter err) {
        return err instanceof ProgressErr p && p.shows() ? new TerminalProgress(p, p.after(), p.nanoClock()) : NONE;
    }
}
