package io.vaultsync.doctor;

import com.fasterxml.jackson.annotation.JsonValue;
import io.vaultsync.transport.Redact;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of {@code doctor}: a check's name, how it came out, a short detail and, unless it is ok, the one
 * thing to do about it. Detail and fix are stripped of credentials on the way in, whatever quoted them.
 */
public record Check(String name, Level level, String detail, String fix) {
    /** How a check came out: warn still lets {@code doctor} exit 0, fail does not. */
    public enum Level {
        OK, WARN, FAIL;

        /** As printed: {@code ok}, {@code warn}, {@code fail}. */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(detail, "detail");
        if (name.isBlank()) throw new IllegalArgumentException("check name is blank");
        if (level != Level.OK && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("a " + level.label() + " check needs a fix: " + name);
        }
        detail = oneLine(detail);
        fix = fix == null || fix.isBlank() ? null : oneLine(fix);
    }

    public static Check ok(String name, String detail) {
        return new Check(name, Level.OK, detail, null);
    }

    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Level.WARN, detail, fix);
    }

    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Level.FAIL, detail, fix);
    }

    public boolean failed() {
        return level == Level.FAIL;
    }

    private static String oneLine(String s) {
        return Redact.text(s.replaceAll("\\s+", " ").trim());
    }
}
