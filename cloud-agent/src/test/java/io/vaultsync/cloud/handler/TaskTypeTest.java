package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskTypeTest {
    @ParameterizedTest(name = "{0} + ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "EMAIL_invoice.md        | NULL                          | email",
        "email_x.md              | NULL                          | email",
        "SOCIAL_post_2.md        | NULL                          | social",
        "EMAIL_invoice.md        | '---\ntype: payment\n---\nx'  | payment",
        "anything.md             | '---\ntype: \"Email\"\n---\n' | email",
        "note.md                 | NULL                          | NULL",
        "_leading.md             | NULL                          | NULL",
        "CONFLICTS_x.md          | NULL                          | NULL",
        "x.md                    | '---\ntype: ../up\n---\n'     | NULL",
        "EMAIL_x.md              | '---\ntype: ../up\n---\n'     | email",
        "a b_c.md                | NULL                          | NULL",
    })
    void typeFromFrontMatterElseFileNamePrefix(String name, String content, String want) {
        byte[] bytes = (content == null ? "plain\n" : content.replace("\\n", "\n")).getBytes(StandardCharsets.UTF_8);
        assertThat(TaskType.of(name, bytes)).isEqualTo(want);
    }
}
