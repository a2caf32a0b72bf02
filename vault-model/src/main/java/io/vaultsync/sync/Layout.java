package io.vaultsync.sync;

import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Role;
import java.util.ArrayList;
import java.util.List;

/** The folders of a new vault (kept in git by a {@code .gitkeep} each) and its root files. */
public final class Layout {
    public static final String GITIGNORE = ".gitignore";
    public static final String DASHBOARD = "Dashboard.md";
    public static final String KEEP = ".gitkeep";

    private Layout() {}

    public static List<String> folders(Policy policy) {
        List<String> dirs = new ArrayList<>(List.of("Needs_Action", "Pending_Approval/email", "Pending_Approval/social",
                "Approved", "Rejected", "Done", "Updates", "Plans"));
        for (var a : policy.agents()) {
            dirs.add("In_Progress/" + a.name());
            dirs.add("Pending_Approval/conflicts/" + a.name());
        }
        return dirs;
    }

    public static String dashboard(Policy policy) {
        String local = policy.agents().stream().filter(a -> a.role() == Role.LOCAL).map(a -> a.name()).findFirst()
                .orElse("the local agent");
        return "# Dashboard\n\nWritten by " + local + " only. Nothing here yet.\n";
    }
}
