package io.vaultsync.local.approve;

/** The human's two verdicts on a draft, and the folder each sends it to. */
public enum Verdict {
    APPROVE("Approved/", "approves"),
    REJECT("Rejected/", "rejects");

    private final String folder;
    private final String verb;

    Verdict(String folder, String verb) {
        this.folder = folder;
        this.verb = verb;
    }

    public String folder() {
        return folder;
    }

    public String verb() {
        return verb;
    }
}
