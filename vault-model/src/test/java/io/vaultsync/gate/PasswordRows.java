package io.vaultsync.gate;

import static io.vaultsync.gate.DetectorTable.content;

import io.vaultsync.gate.DetectorTable.Row;
import java.util.List;

/**
 * Passwords in YAML and Markdown: block values, a value on the next line, values with spaces, short keys,
 * and password columns of tables. The choices made are in the notes.
 */
final class PasswordRows {

    /** Built from parts, as every sample is: {@code pass} + {@code word}. */
    private static final String PASSWORD = "pass" + "word";

    private PasswordRows() {
    }

    static List<Row> rows() {
        return List.of(
                content("password-assignment", PASSWORD + ": |\n  kiwi!banana7\n", PASSWORD + ": <placeholder>\n",
                        "a YAML block value (|) is read on the next, deeper line"),
                content("password-assignment", "db:\n  " + PASSWORD + ": >-\n    correct horse battery staple\nport: 5432\n",
                        PASSWORD + ":\n\nusername: bob\n", "a folded value (>-); a key followed by a blank line is empty"),
                content("password-assignment", PASSWORD + ":\n  hunter2hunter2\n", PASSWORD + ":\nusername: bob\n",
                        "a value on the line after its key; a new key there means the value is empty"),
                content("password-assignment", "**Password:**\nTr0ub4dor&3\n", "**Password:**\nstored in 1Password, ask Bob\n",
                        "a Markdown field with its value below; prose there (stored in, ask) is no password"),
                content("password-assignment", PASSWORD + ": correct horse battery staple\n",
                        "The " + PASSWORD + " is stored in 1Password.\n",
                        "a passphrase: 4+ plain words with no word of prose, on the key's own line"),
                content("password-assignment", "{\"" + PASSWORD + "\": \"Tr0ub4dor &3 horse\"}\n",
                        "{\"" + PASSWORD + "\": \"see the vault item\"}\n",
                        "a quoted value with spaces: letters, digits and symbols mixed"),
                content("password-assignment", "pass: kiwi-banana-7\n", "pass: completed\n",
                        "pass also means pass/fail: its value needs a digit or a symbol"),
                content("password-assignment", "pwd: Tr0ub4dor&3\n", "pwd: /home/alice/projects\n",
                        "pwd is also the working directory: a path is no password"),
                content("password-assignment", "smtp:\n  pw: S3cr3t-Value!\n", "pw: n/a\n", "pw, the shortest key"),
                content("password-table", "| user | " + PASSWORD + " |\n|---|---|\n| alice | kiwi!banana7 |\n",
                        "| system | " + PASSWORD + " policy |\n|---|---|\n| VPN | 12 chars min |\n",
                        "a column named password; one about passwords (policy, hint, age) is not"),
                content("password-table", "| Service | DB Password |\n| :--- | ---: |\n| crm | correct horse battery staple |\n",
                        "| user | " + PASSWORD + " |\n|---|---|\n| alice | (in 1Password) |\n| bob | ******** |\n",
                        "a passphrase in a password column; placeholders pass"),
                content("password-table", "| Field | Value |\n|---|---|\n| Login | alice |\n| Password | Tr0ub4dor&3 |\n",
                        "| Field | Value |\n|---|---|\n| Password | see the vault item |\n",
                        "a key/value table: the first cell names the password"));
    }
}
