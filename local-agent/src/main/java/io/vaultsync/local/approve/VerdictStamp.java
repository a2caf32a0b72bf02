package io.vaultsync.local.approve;

import io.vaultsync.markdown.FrontMatter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front matter a verdict adds to a draft: the domain it came from, who decided, on which machine and
 * when, the approval id (an approved item's idempotency key) or the reason of a rejection. Pure.
 */
public final class VerdictStamp {
    public static final String APPROVAL_ID = "approval_id";
    public static final String DOMAIN = "domain";
    static final FrontMatter KEYS = new FrontMatter(List.of(DOMAIN, APPROVAL_ID, "approved_by", "approved_on",
            "approved_at", "rejected_by", "rejected_on", "rejected_at", "rejection_reason"));

    private VerdictStamp() {}

    public static byte[] stamp(byte[] draft, Verdict v, String domain, String agent, String machine, Instant at,
            String approvalId, String reason) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DOMAIN, domain);
        String when = at.truncatedTo(ChronoUnit.SECONDS).toString();
        if (v == Verdict.APPROVE) {
            m.put(APPROVAL_ID, approvalId);
            m.put("approved_by", agent);
            m.put("approved_on", machine);
            m.put("approved_at", when);
        } else {
            m.put("rejected_by", agent);
            m.put("rejected_on", machine);
            m.put("rejected_at", when);
            m.put("rejection_reason", reason);
        }
        return KEYS.rewrite(draft, FrontMatter.lines(m));
    }

    /** The verdict keys in a file: {@code approval_id}, {@code domain}, ... (absent keys are missing). */
    public static Map<String, String> read(byte[] file) {
        return KEYS.values(file);
    }
}
