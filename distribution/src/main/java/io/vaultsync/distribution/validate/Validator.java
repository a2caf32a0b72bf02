package io.vaultsync.distribution.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.rules.Globs;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.strategy.Output;
import io.vaultsync.distribution.transform.Links;
import io.vaultsync.distribution.validate.SyncValidation.Check;
import io.vaultsync.distribution.validate.SyncValidation.Status;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The five checks before publishing: checksum, links, schema, secrets, version_tag. Each gives one
 * {@link Check}; a failed check blocks the publish. No I/O: the caller passes what the checks read.
 */
public final class Validator {
    /** A line that marks content as not for publishing. */
    static final Pattern INTERNAL_ONLY = Pattern.compile("(?i)\\binternal[-_ ]only\\b");
    private static final SecretGate GATE = SecretGate.standard(List.of(), SecretGate.DEFAULT_MAX_FILE_SIZE);

    private Validator() {
    }

    /**
     * What the checks read: the outputs and a second, independent run of the pipeline (checksum), the paths
     * already in the downstream (links), the source's files (schemas), the private path globs, whether the
     * version is a tag.
     */
    public record Input(SyncRule rule, String downstream, String version, String sourceCommit, List<Output> outputs,
            Supplier<List<Output>> rerun, Set<String> downstreamPaths, Function<String, Optional<byte[]>> sourceFile,
            List<String> privatePaths, boolean versionTagged) {
    }

    /** The report. */
    public static SyncValidation validate(Input in) {
        List<Check> checks = new ArrayList<>();
        if (in.rule().validation().checksum()) {
            checks.add(checksum(in));
        }
        checks.add(links(in));
        if (in.rule().validation().schemaCheck()) {
            checks.add(schemas(in));
        }
        checks.add(secrets(in));
        checks.add(in.versionTagged() ? new Check("version_tag", Status.PASS, List.of(), in.version() + " is a tag of the source")
                : new Check("version_tag", Status.WARN, List.of(), in.version() + " is not a tag of the source (published from a commit)"));
        return SyncValidation.of(in.rule().id(), in.downstream(), in.version(), in.sourceCommit(), checks);
    }

    static Check checksum(Input in) {
        Map<String, String> again = new HashMap<>();
        in.rerun().get().forEach(o -> again.put(o.path(), o.sha256()));
        List<String> bad = in.outputs().stream().filter(o -> !o.sha256().equals(again.get(o.path()))).map(Output::path).toList();
        if (!bad.isEmpty() || again.size() != in.outputs().size()) {
            return new Check("checksum", Status.FAIL, bad, "the transforms gave different bytes on a second run (not deterministic): "
                    + String.join(", ", bad));
        }
        return new Check("checksum", Status.PASS, paths(in), in.outputs().size() + " outputs reproduced, SHA-256 equal");
    }

    static Check links(Input in) {
        Set<String> present = new TreeSet<>(in.downstreamPaths());
        in.outputs().forEach(o -> present.add(o.path()));
        List<String> files = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        int count = 0;
        for (Output o : in.outputs()) {
            String text = text(o);
            if (text == null) {
                continue;
            }
            for (Links.Link l : Links.find(text)) {
                if (!l.relative() || l.path().isEmpty()) {
                    continue;
                }
                count++;
                String target = Links.resolve(o.path(), l.path());
                if (target == null || !(present.contains(target) || present.stream().anyMatch(p -> p.startsWith(target + "/")))) {
                    if (!files.contains(o.path())) {
                        files.add(o.path());
                    }
                    broken.add(o.path() + " -> " + l.target());
                }
            }
        }
        return broken.isEmpty() ? new Check("links", Status.PASS, paths(in), count + " relative links resolve")
                : new Check("links", Status.FAIL, files, "broken links after rewriting: " + String.join(", ", broken));
    }

    static Check schemas(Input in) {
        List<String> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (Output o : in.outputs()) {
            String text = text(o);
            if (text == null) {
                continue;
            }
            for (SchemaBlocks.Block b : SchemaBlocks.find(text)) {
                blocks++;
                String where = o.path() + ":" + b.line();
                String problem = schemaProblem(registry, b, in.sourceFile());
                if (problem != null) {
                    problems.add(where + " " + problem);
                    if (!files.contains(o.path())) {
                        files.add(o.path());
                    }
                }
            }
        }
        return problems.isEmpty() ? new Check("schema", Status.PASS, List.of(), blocks + " embedded blocks valid against their schema")
                : new Check("schema", Status.FAIL, files, String.join("; ", problems));
    }

    private static String schemaProblem(SchemaRegistry registry, SchemaBlocks.Block b, Function<String, Optional<byte[]>> source) {
        Optional<byte[]> schemaBytes = source.apply(b.schema());
        if (schemaBytes.isEmpty()) {
            return "declares schema " + b.schema() + ", which is not in the source";
        }
        try {
            String schemaText = new String(schemaBytes.get(), StandardCharsets.UTF_8);
            boolean yamlSchema = b.schema().endsWith(".yaml") || b.schema().endsWith(".yml");
            Schema schema = registry.getSchema(schemaText, yamlSchema ? InputFormat.YAML : InputFormat.JSON);
            JsonNode node = (b.language().equals("json") ? Mappers.JSON : Mappers.YAML).readTree(b.content());
            if (node == null || node.isMissingNode()) {
                return "is empty; schema " + b.schema() + " expects a value";
            }
            List<Error> errors = schema.validate(node);
            return errors.isEmpty() ? null : "fails " + b.schema() + ": "
                    + String.join("; ", errors.stream().limit(5).map(Error::toString).toList());
        } catch (java.io.IOException | RuntimeException e) {
            return "cannot be checked against " + b.schema() + ": " + firstLine(e.getMessage());
        }
    }

    static Check secrets(Input in) {
        List<String> files = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (Output o : in.outputs()) {
            Verdict v = GATE.check(o.path(), false, o.bytes().length, o.bytes());
            String reason = v instanceof Verdict.Blocked b ? "secret gate: " + b.rule() : null;
            if (reason == null && in.privatePaths().stream().anyMatch(g -> Globs.matches(g, o.sourcePath()))) {
                reason = "private path " + o.sourcePath();
            }
            String text = text(o);
            if (reason == null && text != null && INTERNAL_ONLY.matcher(text).find()) {
                reason = "marked internal-only";
            }
            if (reason != null) {
                files.add(o.path());
                why.add(SecretGate.shown(o.path()) + " (" + reason + ")");
            }
        }
        return why.isEmpty() ? new Check("secrets", Status.PASS, List.of(), in.outputs().size() + " outputs scanned, nothing found")
                : new Check("secrets", Status.FAIL, files.stream().map(SecretGate::shown).toList(), "not publishable: " + String.join(", ", why));
    }

    private static List<String> paths(Input in) {
        return in.outputs().stream().map(Output::path).toList();
    }

    private static String text(Output o) {
        for (byte b : o.bytes()) {
            if (b == 0) {
                return null;
            }
        }
        return new String(o.bytes(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
