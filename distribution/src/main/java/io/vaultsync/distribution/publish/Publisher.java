package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.distribution.strategy.Pipeline;
import io.vaultsync.transport.Redact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish command's library: for each rule that is due (or the one asked for), runs it for its downstream
 * ({@link SyncRun}), records the outcome in the source-side ledger, writes the PR body beside it and runs the
 * configured PR command. A dry run records nothing and pushes nothing.
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private Publisher() {
    }

    /** Runs the request; one result per rule looked at. */
    public static List<RunResult> publish(PublishRequest req) {
        if (req.rule().isPresent() && req.rules().find(req.rule().get()).isEmpty()) {
            throw new DistributionException("no rule '" + req.rule().get() + "' (known: "
                    + String.join(", ", req.rules().rules().stream().map(SyncRule::id).toList()) + ")");
        }
        try (SourceRepo source = SourceRepo.open(req.source())) {
            Path ledgerFile = SyncLedger.file(source.gitDir(), req.prefix());
            SyncLedger ledger = SyncLedger.read(ledgerFile);
            Map<String, ObjectId> releases = source.releases();
            String version = req.version().or(() -> releases.keySet().stream().reduce((a, b) -> b)).orElse("v0.0.0");
            if (req.version().isPresent() && !releases.containsKey(version)) {
                throw new DistributionException("--version " + version + " is not a release tag (vX.Y.Z) of the source");
            }
            ObjectId head = source.head();
            Instant now = req.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            List<RunResult> results = new ArrayList<>();
            for (SyncRule rule : req.rules().rules()) {
                if (req.rule().isPresent() && !req.rule().get().equals(rule.id())) {
                    continue;
                }
                Optional<SyncLedger.Entry> last = ledger.find(rule.id(), rule.targetRepo());
                boolean atHead = rule.frequency() == io.vaultsync.distribution.rules.Frequency.ON_CHANGE && req.version().isEmpty();
                ObjectId commit = atHead || !releases.containsKey(version) ? head : releases.get(version);
                boolean touched = atHead && touched(source, rule, last, commit);
                Triggers.Decision due = Triggers.due(rule, last, version, commit.name(), req.rule().isPresent(), touched);
                if (!due.due()) {
                    results.add(new RunResult.NotDue(rule.id(), rule.targetRepo(), due.reason()));
                    continue;
                }
                ObjectId since = last.map(SyncLedger.Entry::lastSourceCommit).map(ObjectId::fromString).orElse(null);
                String sinceName = last.map(SyncLedger.Entry::lastVersion).orElse(null);
                if (since == null) {
                    Optional<String> before = source.releaseBefore(version);
                    since = before.map(releases::get).orElse(null);
                    sinceName = before.orElse(null);
                }
                SyncRun.Source src = new SyncRun.Source(source, version, commit, commit.equals(releases.get(version)), since, sinceName);
                RunResult r = SyncRun.run(rule, req.registry(), src, last, req.prefix(), req.dryRun(), now, req.step());
                if (!req.dryRun()) {
                    if (r instanceof RunResult.Published p) {
                        r = p.withPrCommand(prCommand(req, source.gitDir(), p));
                    }
                    ledger = record(ledger, r, last, version, commit.name(), now);
                    ledger.write(ledgerFile);
                }
                LOG.debug("rule {} for {}: {}", rule.id(), rule.targetRepo(), r.getClass().getSimpleName());
                results.add(r);
            }
            return results;
        } catch (IOException e) {
            throw new DistributionException("cannot read the source repository: " + e.getMessage(), e);
        }
    }

    private static boolean touched(SourceRepo source, SyncRule rule, Optional<SyncLedger.Entry> last, ObjectId commit)
            throws IOException {
        Optional<String> was = last.map(SyncLedger.Entry::lastSourceCommit);
        if (was.isEmpty()) {
            return true;
        }
        Map<String, ObjectId> now = source.files(commit);
        Map<String, ObjectId> then = source.files(ObjectId.fromString(was.get()));
        List<String> a = Pipeline.select(rule, now.keySet());
        List<String> b = Pipeline.select(rule, then.keySet());
        return !a.equals(b) || a.stream().anyMatch(p -> !now.get(p).equals(then.get(p)));
    }

    private static SyncLedger record(SyncLedger ledger, RunResult r, Optional<SyncLedger.Entry> last, String version,
            String commit, Instant now) {
        SyncLedger.Entry entry = last.orElse(SyncLedger.Entry.never(r.rule(), r.downstream()));
        if (r instanceof RunResult.UpToDate u) {
            return last.isPresent() && version.equals(entry.lastVersion()) && commit.equals(entry.lastSourceCommit()) ? ledger
                    : ledger.with(entry.synced(version, commit, now, u.branch(), entry.lastCommit(), entry.validation(),
                            entry.prTitle(), entry.prBody()));
        }
        if (r instanceof RunResult.Blocked b) {
            return ledger.with(entry.failed(b.report()));
        }
        if (r instanceof RunResult.Unreachable || r instanceof RunResult.Rejected) {
            return ledger.with(entry.failed(null));
        }
        if (r instanceof RunResult.Published p) {
            return ledger.with(entry.synced(version, commit, now, p.branch(), p.commit(), p.report(), p.title(), p.body()));
        }
        return ledger; // NotDue
    }

    /** Writes the PR body beside the ledger and runs the PR command with it, if one is configured. */
    private static String prCommand(PublishRequest req, Path gitDir, RunResult.Published p) {
        Registry.Downstream d = req.registry().downstreams().get(p.downstream());
        List<String> template = !req.prCommand().isEmpty() ? req.prCommand()
                : !d.prCommand().isEmpty() ? d.prCommand() : req.registry().prCommand();
        Path bodyFile = gitDir.resolve(req.prefix() + "-sync").resolve("pr")
                .resolve(p.rule() + "--" + p.downstream().replaceAll("[^A-Za-z0-9._-]", "_") + ".md");
        try {
            Files.createDirectories(bodyFile.getParent());
            Files.writeString(bodyFile, p.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot write the PR body file " + bodyFile + ": " + e.getMessage();
        }
        if (template.isEmpty()) {
            return null;
        }
        Map<String, String> values = Map.of("{title}", p.title(), "{body_file}", bodyFile.toString(), "{branch}", p.branch(),
                "{base}", d.branch(), "{repo}", p.downstream(), "{url}", Redact.url(d.url())); // a command line is visible to every user: no password
        return PrCommand.run(template, values, req.source());
    }
}
