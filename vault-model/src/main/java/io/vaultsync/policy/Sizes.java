package io.vaultsync.policy;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File sizes as written in the policy: bytes, or a whole number with K/KB/KiB, M/MB/MiB, G/GB/GiB (all 1024-based). */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(?:([KMGT])(?:I?B)?|B)?");
    private static final String UNITS = "KMGT";

    private Sizes() {
    }

    /** The size in bytes, or empty if the text is not a size or overflows a long. */
    static OptionalLong parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(m.group(1));
            if (m.group(2) != null) {
                for (int i = 0; i <= UNITS.indexOf(m.group(2)); i++) {
                    value = Math.multiplyExact(value, 1024L);
                }
            }
            return OptionalLong.of(value);
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The shortest exact form: {@code 5MB}, {@code 512KB}, {@code 1000}. */
    static String format(long bytes) {
        String unit = "";
        long value = bytes;
        for (int i = 0; i < UNITS.length() && value != 0 && value % 1024 == 0; i++) {
            value /= 1024;
            unit = UNITS.charAt(i) + "B";
        }
        return value + unit;
    }
}
