package io.vaultsync.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Every check {@code doctor} ran, in order. Passed unless one failed; warnings do not count against it.
 * Jackson writes the JSON form: {@code {"ok": bool, "checks": [{"name", "level", "detail", "fix"}]}} (fix
 * null when ok).
 */
@JsonPropertyOrder({"ok", "checks"})
public record DoctorReport(List<Check> checks) {
    public DoctorReport {
        checks = List.copyOf(checks);
    }

    @JsonProperty("ok")
    public boolean passed() {
        return checks.stream().noneMatch(Check::failed);
    }

    public long count(Check.Level level) {
        return checks.stream().filter(c -> c.level() == level).count();
    }

    /**
     * The text form: per check {@code <level>  <name>: <detail>} (the level padded to 4), for warn and fail a
     * second line {@code       fix: <what to do>}, and one summary line at the end.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Check c : checks) {
            out.add(String.format("%-4s  %s: %s", c.level().label(), c.name(), c.detail()));
            if (c.fix() != null) out.add("      fix: " + c.fix());
        }
        List<String> failed = checks.stream().filter(Check::failed).map(Check::name).toList();
        long warned = count(Check.Level.WARN);
        out.add(failed.isEmpty()
                ? "doctor: ok, " + count(Check.Level.OK) + " passed, " + warned + " warning" + (warned == 1 ? "" : "s")
                : "doctor: FAILED: " + String.join(", ", failed) + " (" + warned + " warning" + (warned == 1 ? "" : "s")
                        + ")");
        return out;
    }
}
