package io.vaultsync.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskNameTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            t.md                                | t.md
            Needs_Action/t.md                   | t.md
            In_Progress/cloud_agent/t.md        | t.md
            ' Needs_Action/with space.md '      | with space.md
            Réponse à Zoë.md                    | Réponse à Zoë.md
            ..hidden-but-legal.md               | ..hidden-but-legal.md
            """)
    void acceptsAFileNameOrATaskFolderPath(String input, String name) {
        assertThat(TaskName.parse(input)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "../t.md", "Needs_Action/../Approved/t.md", "./t.md", "/abs/t.md", "~/t.md",
            "C:\\vault\\t.md", "Needs_Action\\t.md", "Done/t.md", "Needs_Action/", "Needs_Action/sub/t.md",
            "In_Progress/cloud_agent", "In_Progress/cloud_agent/", "In_Progress/a/b/t.md"})
    void refusesAnythingElse(String input) {
        assertThatThrownBy(() -> TaskName.parse(input)).isInstanceOf(BadTaskException.class);
    }
}
