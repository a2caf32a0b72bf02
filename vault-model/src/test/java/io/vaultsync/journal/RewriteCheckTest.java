package io.vaultsync.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.journal.RewriteCheck.Facts;
import io.vaultsync.journal.RewriteCheck.Rewrite;
import io.vaultsync.journal.RewriteCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rewrite rule from a table: journal records + what git says -> clean, rewritten or failed. */
class RewriteCheckTest {
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    /** A 40-hex commit id from a short label (labels are hex: a1, b2, ...), and back. */
    static String sha(String label) {
        String hex = HexFormat.of().formatHex(label.getBytes(StandardCharsets.US_ASCII));
        return (hex + "0".repeat(40)).substring(0, 40);
    }

    static String label(String sha) {
        return new String(HexFormat.of().parseHex(sha.replaceAll("(00)+$", "")), StandardCharsets.US_ASCII);
    }

    static JournalRecord rec(String commit) {
        return new JournalRecord("op-" + commit, Op.RECONCILE.journalName(), T, "a", "m", "d", List.of(),
                commit == null ? null : sha(commit), "landed as committed", null, null);
    }

    static JournalRecord other(String commit) {
        return new JournalRecord("cp-" + commit, Op.CHECKPOINT_WRITE.journalName(), T, "a", "m", "d", List.of(), sha(commit),
                "remote head integrated", null, null);
    }

    /** An acknowledgement of old -> new settling the records at these lines with these commits ("3:c1"). */
    static JournalRecord ack(String old, String now, String... lineCommits) {
        List<Integer> lines = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        for (String lc : lineCommits) {
            lines.add(Integer.parseInt(lc.split(":")[0]));
            commits.add(sha(lc.split(":")[1]));
        }
        RewriteAck a = new RewriteAck(sha(old), sha(now), T, lines, commits);
        return new JournalRecord(a.id(), Op.REWRITE_ACKNOWLEDGE.journalName(), T.plusSeconds(60), "a", "m", "d", List.of(),
                a.newHead(), a.detail(), null, null);
    }

    static JournalRecord badAck() {
        return new JournalRecord("rw-x", Op.REWRITE_ACKNOWLEDGE.journalName(), T, "a", "m", "d", List.of(), null,
                "rewrite acknowledged: whatever", null, null);
    }

    /** Facts: the remote head, the commits present, "head=c1,c2" reach lists, and rewrites "old>new". */
    static Facts facts(String remote, String present, List<String> reaches, String... rewrites) {
        Map<String, Set<String>> r = new LinkedHashMap<>();
        for (String line : reaches) {
            String[] kv = line.split("=", -1);
            r.put(sha(kv[0]), kv[1].isEmpty() ? Set.of() : Stream.of(kv[1].split(",")).map(RewriteCheckTest::sha)
                    .collect(Collectors.toSet()));
        }
        List<Rewrite> ws = Stream.of(rewrites).map(w -> new Rewrite(sha(w.split(">")[0]), sha(w.split(">")[1]), T)).toList();
        Set<String> p = present.isEmpty() ? Set.of() : Stream.of(present.split(",")).map(RewriteCheckTest::sha)
                .collect(Collectors.toSet());
        return new Facts(remote == null ? null : sha(remote), p, r, ws);
    }

    static String summary(Verdict v) {
        if (v instanceof Verdict.Clean c) {
            return "clean " + c.onRemote() + " settled" + c.acknowledged().stream().map(a -> a.settled()).toList();
        }
        if (v instanceof Verdict.Rewritten r) {
            return "rewritten " + r.onRemote() + " " + r.findings().stream()
                    .map(f -> label(f.rewrite().oldHead()) + ">" + label(f.rewrite().newHead()) + ":"
                            + f.records().stream().map(l -> l.line() + "=" + label(l.commit())).toList())
                    .toList();
        }
        Verdict.Failed f = (Verdict.Failed) v;
        return "failed " + f.record().line() + " " + f.reason();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("every landed commit is on the remote head",
                        List.of(rec("c1"), other("f1"), rec("c2")),
                        facts("f1", "c1,c2", List.of("f1=c1,c2")), "clean 2 settled[]"),
                Arguments.of("no landed records at all", List.of(other("f1")),
                        facts("f1", "", List.of("f1=")), "clean 0 settled[]"),
                Arguments.of("a commit the repository never had: a dishonest journal",
                        List.of(rec("c1"), rec("dd")),
                        facts("f1", "c1", List.of("f1=c1")), "failed 2 ABSENT"),
                Arguments.of("here but never on the remote, and no rewrite: not a rewrite",
                        List.of(rec("c1"), rec("c2")),
                        facts("f1", "c1,c2", List.of("f1=c1")), "failed 2 NOT_ON_REMOTE"),
                Arguments.of("no remote-tracking ref and no evidence",
                        List.of(rec("c1")), facts(null, "c1", List.of()), "failed 1 NOT_ON_REMOTE"),
                Arguments.of("a forced update dropped two landed commits",
                        List.of(rec("c1"), rec("c2"), rec("c3")),
                        facts("f2", "c1,c2,c3", List.of("f2=c1", "a1=c1,c2,c3", "b1=c1"), "a1>b1"),
                        "rewritten 1 [a1>b1:[2=c2, 3=c3]]"),
                Arguments.of("dropped, but the new head of that update still had it: not this rewrite",
                        List.of(rec("c1"), rec("c2")),
                        facts("f2", "c1,c2", List.of("f2=c1", "a1=c1,c2", "b1=c1,c2"), "a1>b1"),
                        "failed 2 NOT_ON_REMOTE"),
                Arguments.of("the latest of two rewrites that dropped it is named; findings in rewrite order",
                        List.of(rec("c1"), rec("c2")),
                        facts("f3", "c1,c2", List.of("f3=", "a1=c1", "b1=", "a2=c1,c2", "b2="), "a1>b1", "a2>b2"),
                        "rewritten 0 [a2>b2:[1=c1, 2=c2]]"),
                Arguments.of("a rewrite and a dishonest record: the failure wins",
                        List.of(rec("c1"), rec("dd")),
                        facts("f2", "c1", List.of("f2=", "a1=c1", "b1="), "a1>b1"), "failed 2 ABSENT"),
                Arguments.of("an acknowledgement settles the records before it",
                        List.of(rec("c1"), rec("c2"), ack("a1", "b1", "1:c1", "2:c2"), rec("c3")),
                        facts("f2", "c1,c2,c3", List.of("f2=c3", "a1=c1,c2", "b1="), "a1>b1"), "clean 1 settled[2]"),
                Arguments.of("after the acknowledgement everything is still checked",
                        List.of(rec("c1"), ack("a1", "b1", "1:c1"), rec("dd")),
                        facts("f2", "c1", List.of("f2=", "a1=c1", "b1="), "a1>b1"), "failed 3 ABSENT"),
                Arguments.of("a record after the acknowledgement is not settled by it, though it names its commit",
                        List.of(ack("a1", "b1", "2:c1"), rec("c1")),
                        facts("f2", "c1", List.of("f2=", "a1=c1", "b1="), "a1>b1"), "rewritten 0 [a1>b1:[2=c1]]"),
                Arguments.of("an acknowledgement does not settle a commit its old head never had",
                        List.of(rec("c1"), ack("a1", "b1", "1:c1")),
                        facts("f2", "c1", List.of("f2=", "a1=", "b1="), "a1>b1"), "failed 1 NOT_ON_REMOTE"),
                Arguments.of("an acknowledgement does not settle a commit it does not name",
                        List.of(rec("c1"), rec("c2"), ack("a1", "b1", "1:c1")),
                        facts("f2", "c1,c2", List.of("f2=", "a1=c1,c2", "b1="), "a1>b1"), "rewritten 0 [a1>b1:[2=c2]]"),
                Arguments.of("acknowledged commits gone from the store since (reflog expired, gc): still settled",
                        List.of(rec("c1"), ack("a1", "b1", "1:c1"), rec("c2")),
                        facts("f2", "c2", List.of("f2=c2")), "clean 1 settled[1]"),
                Arguments.of("a landed record without a commit",
                        List.of(rec("c1"), rec(null)), facts("f1", "c1", List.of("f1=c1")), "failed 2 NO_COMMIT"),
                Arguments.of("an acknowledgement that cannot be read",
                        List.of(rec("c1"), badAck()), facts("f1", "c1", List.of("f1=c1")), "failed 2 BAD_ACKNOWLEDGEMENT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, List<JournalRecord> records, Facts facts, String expected) {
        assertThat(summary(RewriteCheck.decide(records, facts))).isEqualTo(expected);
    }

    @Test
    void acknowledgingRecordsEachRewriteWithItsRecordsAndReadsBack() {
        List<JournalRecord> records = List.of(rec("c1"), rec("c2"), rec("c3"));
        Facts f = facts("f9", "c1,c2,c3", List.of("f9=", "a1=c1", "b1=", "a2=c2,c3", "b2="), "a1>b1", "a2>b2");
        Verdict.Rewritten r = (Verdict.Rewritten) RewriteCheck.decide(records, f);
        List<RewriteAck> acks = RewriteCheck.acknowledge(r);
        assertThat(acks).extracting(a -> label(a.oldHead()) + ">" + label(a.newHead()) + " " + a.records())
                .containsExactly("a1>b1 [1]", "a2>b2 [2, 3]");
        assertThat(acks.get(1).commits()).containsExactly(sha("c2"), sha("c3"));
        for (RewriteAck a : acks) assertThat(RewriteAck.parse(a.detail())).contains(a);

        List<JournalRecord> after = new ArrayList<>(records);
        for (RewriteAck a : acks) {
            after.add(new JournalRecord(a.id(), Op.REWRITE_ACKNOWLEDGE.journalName(), T, "a", "m", "d", List.of(),
                    a.newHead(), a.detail(), null, null));
        }
        assertThat(summary(RewriteCheck.decide(after, f))).isEqualTo("clean 0 settled[1, 2]");
    }

    @Test
    void anAcknowledgementDetailThatIsNotOneReadsAsNothing() {
        assertThat(RewriteAck.parse(null)).isEmpty();
        assertThat(RewriteAck.parse("remote head integrated")).isEmpty();
        String good = new RewriteAck(sha("a1"), sha("b1"), T, List.of(3), List.of(sha("c1"))).detail();
        assertThat(RewriteAck.parse(good)).isPresent();
        assertThat(RewriteAck.parse(good + " ")).isEmpty();
        assertThat(RewriteAck.parse(good.replace("records 3", "records 3,4"))).as("a record without its commit").isEmpty();
        assertThat(RewriteAck.parse(good.replace(T.toString(), "yesterday"))).isEmpty();
    }
}
