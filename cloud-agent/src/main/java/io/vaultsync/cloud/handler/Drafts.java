package io.vaultsync.cloud.handler;

import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.markdown.FrontMatter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a handler's output file into a draft: named {@code DRAFT_<name>} (the prefix is not doubled), its
 * front matter gains {@code task}, {@code drafted_by} and {@code drafted_at} where the handler did not set
 * them (a handler may name itself in {@code drafted_by}, say), and the task it answers
 * follows under "## Original task" (without its lease keys), so the task moves on into its draft and
 * nothing of it is lost. Pure.
 */
public final class Drafts {
    public static final String PREFIX = "DRAFT_";
    public static final String ORIGINAL = "\n## Original task\n\n";
    private static final FrontMatter KEYS = new FrontMatter(List.of("task", "drafted_by", "drafted_at"));

    private Drafts() {}

    public static String name(String outputName) {
        return outputName.startsWith(PREFIX) ? outputName : PREFIX + outputName;
    }

    public static byte[] draft(byte[] output, String task, byte[] taskBytes, String agent, Instant at) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("drafted_by", agent);
        m.put("drafted_at", at.truncatedTo(ChronoUnit.SECONDS).toString());
        m.keySet().removeAll(KEYS.values(output).keySet()); // the handler's own lines stay as they are
        byte[] head = m.isEmpty() ? output : new FrontMatter(m.keySet()).rewrite(output, FrontMatter.lines(m));
        StringBuilder sep = new StringBuilder();
        if (head.length > 0 && head[head.length - 1] != '\n') sep.append('\n');
        sep.append(ORIGINAL);
        byte[] mid = sep.toString().getBytes(StandardCharsets.UTF_8);
        byte[] original = LeaseFrontMatter.strip(taskBytes, null);
        byte[] out = Arrays.copyOf(head, head.length + mid.length + original.length);
        System.arraycopy(mid, 0, out, head.length, mid.length);
        System.arraycopy(original, 0, out, head.length + mid.length, original.length);
        return out;
    }
}
