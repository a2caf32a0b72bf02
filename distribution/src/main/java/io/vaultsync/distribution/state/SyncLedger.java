package io.vaultsync.distribution.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.validate.SyncValidation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The source-side record of every sync: {@code <source>/.git/agent33-sync/state.yaml}, one entry per (rule,
 * downstream). It lives in the git directory so it is never committed to the source. Immutable: {@link #with}
 * returns a new ledger; {@link #write} replaces the file atomically.
 */
public record SyncLedger(List<Entry> entries) {

    public SyncLedger {
        entries = entries == null ? List.of()
                : entries.stream().sorted(Comparator.comparing(Entry::rule).thenComparing(Entry::downstream)).toList();
    }

    /** An empty ledger (no sync yet). */
    public static SyncLedger empty() {
        return new SyncLedger(List.of());
    }

    /** The ledger file inside a git directory: {@code <gitDir>/agent33-sync/state.yaml} for prefix agent33. */
    public static Path file(Path gitDir, String prefix) {
        return gitDir.resolve(prefix + "-sync").resolve("state.yaml");
    }

    /** Reads the ledger; a missing file is an empty ledger, a broken one an error naming the file. */
    public static SyncLedger read(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            SyncLedger ledger = Mappers.YAML.readValue(Files.readAllBytes(file), SyncLedger.class);
            return ledger == null ? empty() : ledger;
        } catch (IOException | IllegalArgumentException e) {
            throw new DistributionException(file + ": not a readable sync ledger: " + DownstreamState.firstLine(e.getMessage()), e);
        }
    }

    /** Writes the ledger (temp file, then rename). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, Mappers.YAML.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DistributionException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The entry of a rule for a downstream, if it ever ran. */
    public Optional<Entry> find(String rule, String downstream) {
        return entries.stream().filter(e -> e.rule().equals(rule) && e.downstream().equals(downstream)).findFirst();
    }

    /** This ledger with {@code entry} added or replacing the one of the same rule and downstream. */
    public SyncLedger with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries.stream()
                .filter(e -> !(e.rule().equals(entry.rule()) && e.downstream().equals(entry.downstream()))).toList());
        next.add(entry);
        return new SyncLedger(next);
    }

    /** Where a rule stands for a downstream. */
    public enum Status {
        @JsonProperty("current") CURRENT,
        @JsonProperty("behind") BEHIND,
        @JsonProperty("stale") STALE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One (rule, downstream): the last version and source commit synced, when, the branch and commit it made
     * downstream, consecutive failures since the last success, the status and the last validation report.
     * {@code prTitle} and {@code prBody} are the pull request text of the last sync.
     */
    @JsonPropertyOrder({"rule", "downstream", "last_version", "last_source_commit", "last_sync", "last_branch",
            "last_commit", "consecutive_failures", "status", "validation", "pr_title", "pr_body"})
    public record Entry(
            String rule,
            String downstream,
            @JsonProperty("last_version") String lastVersion,
            @JsonProperty("last_source_commit") String lastSourceCommit,
            @JsonProperty("last_sync") Instant lastSync,
            @JsonProperty("last_branch") String lastBranch,
            @JsonProperty("last_commit") String lastCommit,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            Status status,
            SyncValidation validation,
            @JsonProperty("pr_title") String prTitle,
            @JsonProperty("pr_body") String prBody) {

        public Entry {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(downstream, "downstream");
            status = Objects.requireNonNullElse(status, Status.BEHIND);
        }

        /** The first entry of a (rule, downstream) that never synced. */
        public static Entry never(String rule, String downstream) {
            return new Entry(rule, downstream, null, null, null, null, null, 0, Status.BEHIND, null, null, null);
        }

        /** This entry after a successful sync. */
        public Entry synced(String version, String sourceCommit, Instant at, String branch, String commit,
                SyncValidation report, String title, String body) {
            return new Entry(rule, downstream, version, sourceCommit, at, branch, commit, 0, Status.CURRENT, report, title, body);
        }

        /** This entry after a failed attempt (validation blocked, push rejected, downstream unreachable). */
        public Entry failed(SyncValidation report) {
            return new Entry(rule, downstream, lastVersion, lastSourceCommit, lastSync, lastBranch, lastCommit,
                    consecutiveFailures + 1, status == Status.CURRENT ? Status.BEHIND : status,
                    report == null ? validation : report, prTitle, prBody);
        }
    }
}
