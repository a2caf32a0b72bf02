package io.vaultsync.distribution.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.merge.MergeOutcome.BinaryConflict;
import io.vaultsync.distribution.merge.MergeOutcome.Clean;
import io.vaultsync.distribution.merge.MergeOutcome.Conflicted;
import io.vaultsync.distribution.merge.MergeOutcome.How;
import io.vaultsync.distribution.merge.MergeOutcome.LineRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge cases of an override against new upstream output, from a table. */
class OverrideMergeTest {
    static final String BASE = "title\none\ntwo\nthree\nfour\nfive\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, base, ours (override), theirs (upstream), expected text, expected kind, conflict ranges
                Arguments.of("upstream only changed: taken", BASE, BASE, BASE.replace("two", "TWO"),
                        BASE.replace("two", "TWO"), "TAKEN_UPSTREAM", List.of()),
                Arguments.of("override only changed: kept", BASE, BASE.replace("four", "FOUR"), BASE,
                        BASE.replace("four", "FOUR"), "KEPT_OVERRIDE", List.of()),
                Arguments.of("both changed apart: merged", BASE, BASE.replace("four", "FOUR"), BASE.replace("one", "ONE"),
                        BASE.replace("four", "FOUR").replace("one", "ONE"), "MERGED", List.of()),
                Arguments.of("both made the same change: identical", BASE, BASE.replace("two", "2"), BASE.replace("two", "2"),
                        BASE.replace("two", "2"), "IDENTICAL", List.of()),
                Arguments.of("both changed the same line: conflict", BASE, BASE.replace("three", "three (ours)"),
                        BASE.replace("three", "three (theirs)"),
                        "title\none\ntwo\n<<<<<<< override\nthree (ours)\n=======\nthree (theirs)\n>>>>>>> upstream\nfour\nfive\n",
                        "CONFLICT", List.of(new LineRange(4, 8))),
                Arguments.of("two conflicts: two ranges", BASE, "title\nA\ntwo\nthree\nfour\nB\n", "title\nC\ntwo\nthree\nfour\nD\n",
                        "title\n<<<<<<< override\nA\n=======\nC\n>>>>>>> upstream\ntwo\nthree\nfour\n"
                                + "<<<<<<< override\nB\n=======\nD\n>>>>>>> upstream\n",
                        "CONFLICT", List.of(new LineRange(2, 6), new LineRange(10, 14))),
                Arguments.of("no base, same bytes: identical", null, "x\n", "x\n", "x\n", "IDENTICAL", List.of()),
                Arguments.of("no base, different: lines both share stay, the rest is one conflict", null, "a\nb\nc\n",
                        "a\nX\nc\n", "a\n<<<<<<< override\nb\n=======\nX\n>>>>>>> upstream\nc\n", "CONFLICT",
                        List.of(new LineRange(2, 6))),
                Arguments.of("no base, nothing shared: the whole file is one conflict", null, "a\n", "b\n",
                        "<<<<<<< override\na\n=======\nb\n>>>>>>> upstream\n", "CONFLICT", List.of(new LineRange(1, 5))),
                Arguments.of("no newline at the end survives a clean merge", "a\nb\nc", "A\nb\nc", "a\nb\nC",
                        "A\nb\nC", "MERGED", List.of()),
                Arguments.of("a last line without newline before a marker gets one", "a\nb", "a\nX", "a\nY",
                        "a\n<<<<<<< override\nX\n=======\nY\n>>>>>>> upstream\n", "CONFLICT", List.of(new LineRange(2, 6))),
                Arguments.of("CRLF lines keep their CR", "a\r\nx\r\nb\r\n", "a\r\nx\r\nB\r\n", "A\r\nx\r\nb\r\n",
                        "A\r\nx\r\nB\r\n", "MERGED",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesPerTable(String name, String base, String ours, String theirs, String expected, String kind,
            List<LineRange> ranges) {
        MergeOutcome out = OverrideMerge.merge(bytes(base), bytes(ours), bytes(theirs));

        assertThat(new String(out.content(), StandardCharsets.UTF_8)).isEqualTo(expected);
        if (out instanceof Clean c) {
            assertThat(c.how()).isEqualTo(How.valueOf(kind));
        } else if (out instanceof Conflicted c) {
            assertThat(kind).isEqualTo("CONFLICT");
            assertThat(c.ranges()).isEqualTo(ranges);
        } else {
            assertThat(out).isInstanceOf(BinaryConflict.class);
            assertThat(kind).isEqualTo("BINARY");
        }
    }

    @Test
    void binaryChangedOnBothSidesKeepsTheOverrideWithoutMarkers() {
        byte[] base = {1, 0, 2};
        byte[] ours = {1, 0, 3};
        byte[] theirs = {1, 0, 4};

        MergeOutcome out = OverrideMerge.merge(base, ours, theirs);

        assertThat(out).isInstanceOf(BinaryConflict.class);
        assertThat(out.content()).isEqualTo(ours);
        assertThat(out.conflictsAt("img/logo.png")).singleElement()
                .satisfies(c -> assertThat(c.location()).isEqualTo("img/logo.png"));
    }

    @Test
    void binaryChangedOnlyUpstreamIsTaken() {
        byte[] base = {1, 0, 2};
        MergeOutcome out = OverrideMerge.merge(base, base.clone(), new byte[] {1, 0, 9});

        assertThat(out).isInstanceOf(Clean.class);
        assertThat(out.content()).isEqualTo(new byte[] {1, 0, 9});
    }

    @Test
    void conflictsAreListedWithPathAndLineRange() {
        MergeOutcome out = OverrideMerge.merge(bytes(BASE), bytes(BASE.replace("five", "5")), bytes(BASE.replace("five", "V")));

        assertThat(out.conflictsAt("docs/guide.md")).extracting(MergeConflict::location).containsExactly("docs/guide.md:6-10");
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
