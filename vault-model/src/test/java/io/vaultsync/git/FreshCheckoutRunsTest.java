package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.git.FreshCheckout.Run;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checkout's threads take whole folders (runs of a tree's paths in one folder), so that no two threads
 * create files in one folder at once; a folder bigger than the limit is cut into several runs.
 */
class FreshCheckoutRunsTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(List.of(), 4, List.of()),
                Arguments.of(List.of("a.md"), 4, List.of(new Run(0, 1))),
                Arguments.of(List.of("a.md", "b.md", "c/x.md", "c/y.md", "d.md"), 4,
                        List.of(new Run(0, 2), new Run(2, 4), new Run(4, 5))),
                // git's order: a folder's files around a subfolder's are two runs
                Arguments.of(List.of("P/a.md", "P/q/b.md", "P/q/c.md", "P/r.md"), 4,
                        List.of(new Run(0, 1), new Run(1, 3), new Run(3, 4))),
                // folders whose names share a start are still two folders
                Arguments.of(List.of("ab/x.md", "ac/x.md", "abc/x.md"), 4,
                        List.of(new Run(0, 1), new Run(1, 2), new Run(2, 3))),
                Arguments.of(List.of("p/1", "p/2", "p/3", "p/4", "p/5"), 2,
                        List.of(new Run(0, 2), new Run(2, 4), new Run(4, 5))),
                Arguments.of(List.of("é/1", "é/2", "e/1"), 4, List.of(new Run(0, 2), new Run(2, 3))));
    }

    @ParameterizedTest
    @MethodSource("table")
    void pathsAreCutIntoRunsOfOneFolderNoLongerThanTheLimit(List<String> paths, int max, List<Run> runs) {
        assertThat(FreshCheckout.runs(paths, max)).isEqualTo(runs);
    }
}
