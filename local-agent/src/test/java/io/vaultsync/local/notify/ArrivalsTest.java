package io.vaultsync.local.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.local.notify.Arrivals.Item;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArrivalsTest {
    static final Item A = new Item("Pending_Approval/email/DRAFT_a.md", Item.DRAFT, "Re: a");
    static final Item B = new Item("Pending_Approval/email/DRAFT_b.md", Item.DRAFT, "Re: b");
    static final Item C = new Item("Pending_Approval/conflicts/cloud_agent/c.md", Item.CARD, "content: Plans/x.md");

    static Stream<Arguments> table() {
        return Stream.of(
                // remembered (null: no record yet), waiting now, announced, remembered after
                Arguments.of("first time: a backlog is remembered, not announced", null, List.of(A, C), List.of(), paths(A, C)),
                Arguments.of("first time, nothing waits", null, List.of(), List.of(), paths()),
                Arguments.of("nothing new", paths(A), List.of(A), List.of(), paths(A)),
                Arguments.of("a new draft", paths(A), List.of(A, B), List.of(B), paths(A, B)),
                Arguments.of("a new card", paths(A), List.of(A, C), List.of(C), paths(A, C)),
                Arguments.of("several at once, in order", paths(), List.of(A, B, C), List.of(A, B, C), paths(A, B, C)),
                Arguments.of("one gone: forgotten, nothing said", paths(A, B), List.of(B), List.of(), paths(B)),
                Arguments.of("gone and back again: new again", paths(B), List.of(A, B), List.of(A), paths(A, B)),
                Arguments.of("all gone", paths(A, C), List.of(), List.of(), paths()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void announcesWhatWaitsNowAndWasNotWaitingBefore(String name, Set<String> before, List<Item> waiting,
            List<Item> announced, Set<String> after) {
        Arrivals.Decision d = Arrivals.decide(before, waiting);
        assertThat(d.announce()).containsExactlyElementsOf(announced);
        assertThat(d.remember()).isEqualTo(after);
    }

    static Set<String> paths(Item... items) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(items).forEach(i -> out.add(i.path()));
        return out;
    }
}
