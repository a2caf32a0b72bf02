package io.vaultsync.claim;

import java.util.regex.Pattern;

/**
 * A task as the user names it on the command line: a file name in {@code Needs_Action/}, or a
 * vault-relative path in {@code Needs_Action/} or {@code In_Progress/<agent>/}. Parsed to the plain
 * file name, or refused before anything is touched. Pure.
 */
public final class TaskName {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private TaskName() {}

    public static String parse(String input) {
        if (input == null || input.isBlank()) throw new BadTaskException("no task given");
        String s = input.strip();
        if (s.startsWith("/") || s.startsWith("\\") || s.startsWith("~") || DRIVE.matcher(s).matches()) {
            throw new BadTaskException(input + ": an absolute path; give the task's file name or a path inside the vault");
        }
        if (s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) {
            throw new BadTaskException(input + ": not a vault path (use / between folders)");
        }
        for (String seg : s.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".")) {
                throw new BadTaskException(input + ": '" + seg + "' is not allowed in a task path");
            }
        }
        String name;
        if (s.startsWith(ClaimPaths.UNCLAIMED)) {
            name = s.substring(ClaimPaths.UNCLAIMED.length());
        } else if (s.startsWith(ClaimPaths.IN_PROGRESS)) {
            String rest = s.substring(ClaimPaths.IN_PROGRESS.length());
            int slash = rest.indexOf('/');
            name = slash < 0 ? "" : rest.substring(slash + 1);
        } else if (s.indexOf('/') >= 0) {
            throw new BadTaskException(input + ": tasks live in " + ClaimPaths.UNCLAIMED + " or "
                    + ClaimPaths.IN_PROGRESS + "<agent>/");
        } else {
            name = s;
        }
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new BadTaskException(input + ": not a task file (a plain file name is expected)");
        }
        return name;
    }
}
