package io.vaultsync.local.exec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** The section an executed item gains on its way to {@code Done/}: when, by whom, with which key, and what the executor said. Pure. */
public final class Outcome {
    private Outcome() {}

    public static byte[] append(byte[] item, Instant at, String agent, String machine, String domain, String key,
            String result, String output) {
        StringBuilder sb = new StringBuilder();
        if (item.length > 0 && item[item.length - 1] != '\n') sb.append('\n');
        sb.append("\n## Outcome\n\n");
        sb.append("- executed at: ").append(at.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        sb.append("- by: ").append(agent).append(" on ").append(machine).append('\n');
        sb.append("- executor: ").append(domain).append('\n');
        sb.append("- idempotency key: `").append(key).append("`\n");
        sb.append("- result: ").append(result).append('\n');
        if (output != null && !output.isBlank()) {
            sb.append("\n```\n").append(output.strip().replace("```", "'''")).append("\n```\n");
        }
        byte[] tail = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(item, item.length + tail.length); // the item's bytes stay as they were
        System.arraycopy(tail, 0, out, item.length, tail.length);
        return out;
    }
}
