package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "EMAIL_x.md,   true",
        "EMAIL_x.MD,   true",
        "x.md,         true",
        ".EMAIL_x.md,  false",
        ".md,          false",
        "EMAIL_x.csv,  false",
        "EMAIL_x.md~,  false",
        "EMAIL_md,     false",
    })
    void onlyVisibleMarkdownFilesAreTasks(String name, boolean want) {
        assertThat(TaskType.isTaskFile(name)).isEqualTo(want);
    }

    @Test
    void aHandlerIsFoundUnderItsTypeInAnyCaseExactFirst() {
        Actions a = Actions.NONE.withHandler("EMAIL", List.of("upper")).withHandler("social", List.of("lower"));
        assertThat(TaskType.handler(a, "email")).contains(List.of("upper"));
        assertThat(TaskType.handler(a, "social")).contains(List.of("lower"));
        assertThat(TaskType.handler(a.withHandler("email", List.of("exact")), "email")).contains(List.of("exact"));
        assertThat(TaskType.handler(a, "payment")).isEmpty();
        assertThat(TaskType.handler(a, null)).isEmpty();
    }
}
