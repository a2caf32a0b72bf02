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

    /** Adds {@code files} and {@code bytes} to what is done in the phase. */
    void advance(long files, long bytes);

    /** The phase has ended: a terminal line is finished (cleared); nothing else is printed. */
    void end();

    /** The progress a CLI command shows on {@code err}: on a terminal a redrawn line, otherwise none. */
    static Progress forCli(PrintWriter err) {
        return NONE; // the terminal display comes with issue 16's progress item
    }
}
