package io.vaultsync.gate;

import io.vaultsync.gate.PasswordValues.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code password-table} detector: a Markdown table that holds a password, either in a column whose
 * header names one ({@code | user | password |}, {@code DB Password}, {@code pass}) or in a row whose first
 * cell does ({@code | Password | Tr0ub4dor&3 |}). A header that only starts with such a word is about
 * passwords, not one: {@code password policy}, {@code password hint}, {@code password age} pass. Cells are
 * judged like assignment values: a token of 8+ chars that is no placeholder, or a passphrase.
 *
 * <p>The scan starts at each delimiter row ({@code |---|---|}) and reads its header line and the rows
 * below it up to the next delimiter row, the table's end or {@link #MAX_ROWS}; every row is read by one
 * check at most, so a scan stays linear.
 */
final class PasswordTables {

    static final int MAX_ROWS = 1000;

    /** The longest row (and header) read, in chars. */
    static final int MAX_ROW = 4096;

    private static final Pattern EMPHASIS = Pattern.compile("[*_`]++");
    private static final Pattern BLANKS = Pattern.compile("[ \\t]++");
    private static final Pattern WRAPPING = Pattern.compile("^[*_`\"']++|[*_`\"']++$");

    /** A delimiter row: its first cell, at a line start. */
    private static final Pattern DELIMITER = Pattern.compile("[ \\t]*+\\|?[ \\t]*+:?-{3,}+:?[ \\t]*+\\|");

    static final Detector DETECTOR = new Detector("password-table", Pattern.compile("(?m)^" + DELIMITER.pattern()),
            List.of("---"), PasswordTables::holdsPassword, false);

    private PasswordTables() {
    }

    private static boolean holdsPassword(CharSequence text, Matcher m) {
        if (m.start() == 0) {
            return false;
        }
        int headerStart = AssignmentDetectors.lineStart(text, m.start() - 1, MAX_ROW);
        List<String> header = cells(text.subSequence(headerStart, m.start() - 1));
        int column = -1;
        Kind columnKind = Kind.NONE;
        for (int i = 0; i < header.size() && column < 0; i++) {
            columnKind = PasswordValues.kindOf(normalise(header.get(i)));
            column = columnKind == Kind.NONE ? -1 : i;
        }
        int pos = AssignmentDetectors.lineEnd(text, m.end(), MAX_ROW);
        for (int rows = 0; rows < MAX_ROWS && pos >= 0 && pos < text.length(); rows++) {
            int start = pos + 1;
            int end = AssignmentDetectors.lineEnd(text, start, MAX_ROW);
            if (end < 0) {
                return false;
            }
            CharSequence row = text.subSequence(start, end);
            if (row.toString().indexOf('|') < 0 || DELIMITER.matcher(row).lookingAt()) {
                return false;
            }
            List<String> cells = cells(row);
            if (column >= 0 && column < cells.size() && secretCell(cells.get(column), columnKind)) {
                return true;
            }
            if (cells.size() >= 2) {
                Kind rowKind = PasswordValues.kindOf(normalise(cells.get(0)));
                if (rowKind != Kind.NONE && secretCell(cells.get(1), rowKind)) {
                    return true;
                }
            }
            pos = end;
        }
        return false;
    }

    /** The cells of a table row, trimmed, without the empty ones outside a leading or trailing pipe. */
    static List<String> cells(CharSequence row) {
        String line = row.toString().strip();
        if (line.startsWith("|")) {
            line = line.substring(1);
        }
        if (line.endsWith("|")) {
            line = line.substring(0, line.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        for (String cell : line.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** A header cell as a key: {@code **DB Password**} is {@code db_password}. */
    private static String normalise(String cell) {
        return BLANKS.matcher(EMPHASIS.matcher(cell).replaceAll(" ").strip().toLowerCase(Locale.ROOT)).replaceAll("_");
    }

    private static boolean secretCell(String cell, Kind kind) {
        String value = WRAPPING.matcher(cell).replaceAll("");
        if (value.isEmpty()) {
            return false;
        }
        return value.chars().noneMatch(Character::isWhitespace)
                ? PasswordValues.isSecretToken(value, kind)
                : PasswordValues.isPassphrase(value, kind);
    }
}
