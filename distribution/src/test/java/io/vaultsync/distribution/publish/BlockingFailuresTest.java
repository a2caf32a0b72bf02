package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.Main;
import io.vaultsync.distribution.Sources;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.RuleSet;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.distribution.strategy.Pipeline;
import io.vaultsync.distribution.validate.SyncValidation;
import io.vaultsync.fixtures.SecretSamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Must-show 3: each blocking failure stops the publish with nothing pushed anywhere, and names the file. */
class BlockingFailuresTest {
    @TempDir
    Path tmp;

    private static List<RunResult> publish(Sources s, String rule, Pipeline.Step step) {
        RuleSet rules = RuleSet.load(s.source.resolve(RuleSet.DEFAULT_FOLDER));
        Registry registry = Registry.load(s.source.resolve(Registry.DEFAULT_FILE));
        return Publisher.publish(PublishRequest.of(s.source, rules, registry).onlyRule(rule).withStep(step));
    }

    private static SyncValidation.Check blocked(List<RunResult> results, String check) {
        assertThat(results).hasSize(1);
        assertThat(results.get(0)).isInstanceOf(RunResult.Blocked.class);
        SyncValidation report = ((RunResult.Blocked) results.get(0)).report();
        assertThat(report.status()).isEqualTo(SyncValidation.Status.FAIL);
        return report.failures().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow(
                () -> new AssertionError("no failed check " + check + " in " + report));
    }

    @Test
    void aBrokenLinkAfterRewritingBlocksAndNamesTheFile() {
        Sources s = new Sources(tmp);
        s.rule("copy-docs", """
                sync_rule:
                  id: copy-docs
                  source: "docs/**/*.md"
                  target_repo: org/webapp
                  target_path: handbook/
                  strategy: copy
                  transforms:
                    rewrite_paths: [{from: handbook/api.md, to: reference/api.md}]
                """);
        String before = s.allRefs();

        SyncValidation.Check links = blocked(publish(s, "copy-docs", Pipeline.Step.NONE), "links");

        assertThat(links.files()).containsExactly("handbook/guide.md");
        assertThat(links.message()).contains("handbook/guide.md -> ../internal/plan.md");
        assertThat(s.allRefs()).isEqualTo(before);
        SyncLedger.Entry e = SyncLedger.read(SyncLedger.file(s.source.resolve(".git"), "agent33")).find("copy-docs", "org/webapp").orElseThrow();
        assertThat(e.consecutiveFailures()).isEqualTo(1);
        assertThat(e.validation().blocked()).isTrue();
        s.fsckAll();
    }

    @Test
    void aSecretInASourceFileBlocksWithoutShowingIt() {
        Sources s = new Sources(tmp);
        SecretSamples.Sample secret = SecretSamples.all().stream().filter(x -> x.expectedRulePrefix().startsWith("content:"))
                .findFirst().orElseThrow();
        s.write("docs/api.md", Sources.API + "\n" + secret.content() + "\n");
        s.commitAndTag("api: add an example", "v2.4.0");
        String webappBefore = io.vaultsync.fixtures.CGit.run(s.downstreams.get("org/webapp"), "for-each-ref");
        StringWriter out = new StringWriter();

        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "publish", "--source",
                s.source.toString());

        assertThat(code).isEqualTo(ExitCodes.VALIDATION_BLOCKED);
        assertThat(out.toString()).contains("BLOCKED     copy-docs -> org/webapp", "secrets: reference/api.md",
                "sync_validation:", "name: \"secrets\"");
        assertThat(out.toString()).doesNotContain(secret.content().strip().lines().filter(l -> l.length() > 12).findFirst().orElse("\0"));
        assertThat(out.toString()).contains("published   readme -> org/mobile"); // the other rules still publish
        assertThat(io.vaultsync.fixtures.CGit.run(s.downstreams.get("org/webapp"), "for-each-ref")).isEqualTo(webappBefore);
        s.fsckAll();
    }

    @Test
    void anEmbeddedYamlBlockThatFailsItsSchemaBlocks() {
        Sources s = new Sources(tmp);
        s.write("docs/api.md", Sources.API.replace("retries: 3", "retries: many"));
        s.commitAndTag("api: retries in words", "v2.4.0");
        String before = s.allRefs();

        SyncValidation.Check schema = blocked(publish(s, "copy-docs", Pipeline.Step.NONE), "schema");

        assertThat(schema.files()).containsExactly("reference/api.md");
        assertThat(schema.message()).startsWith("reference/api.md:3 fails schemas/agent.schema.json").contains("retries");
        assertThat(s.allRefs()).isEqualTo(before);
    }

    @Test
    void aNonDeterministicTransformFailsTheChecksum() {
        Sources s = new Sources(tmp);
        AtomicInteger runs = new AtomicInteger();
        Pipeline.Step clock = (path, text) -> path.endsWith("guide.md") ? text + "<!-- run " + runs.incrementAndGet() + " -->\n" : text;
        String before = s.allRefs();

        SyncValidation.Check checksum = blocked(publish(s, "copy-docs", clock), "checksum");

        assertThat(checksum.files()).containsExactly("handbook/guide.md");
        assertThat(s.allRefs()).isEqualTo(before);
    }

    @Test
    void aTemplateVariableMissingForTheDownstreamBlocksAndNamesTheTemplate() {
        Sources s = new Sources(tmp);
        s.write("core/orchestrator/distribution/registry.yaml", """
                downstreams:
                  org/webapp: {url: %s}
                  org/mobile: {url: %s, variables: {product: Mobile}}
                  org/docs-site: {url: %s}
                """.formatted(s.downstreams.get("org/webapp"), s.downstreams.get("org/mobile"), s.downstreams.get("org/docs-site")));
        String before = s.allRefs();

        SyncValidation.Check render = blocked(publish(s, "readme", Pipeline.Step.NONE), "render");

        assertThat(render.message()).contains("templates/README.md.mustache", "'team'");
        assertThat(s.allRefs()).isEqualTo(before);
    }

    @Test
    void aRuleThatSelectsNothingBlocksRatherThanEmptyingTheDownstream() {
        Sources s = new Sources(tmp);
        s.rule("orchestrator-spec", """
                sync_rule:
                  id: orchestrator-spec
                  source: "spec/*.md"
                  target_repo: org/docs-site
                  strategy: reference
                """);
        String before = s.allRefs();

        SyncValidation.Check source = blocked(publish(s, "orchestrator-spec", Pipeline.Step.NONE), "source");

        assertThat(source.message()).contains("'spec/*.md'");
        assertThat(s.allRefs()).isEqualTo(before);
    }
}
