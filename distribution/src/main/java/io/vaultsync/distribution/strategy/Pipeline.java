package io.vaultsync.distribution.strategy;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.Globs;
import io.vaultsync.distribution.rules.Strategy;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.transform.Transforms;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * From the source files a rule selects to the files a downstream receives: path mapping ({@code target_path},
 * then {@code rewrite_paths}), the strategy (copy, template, reference), then the link transforms. Pure and
 * deterministic: the same inputs give the same bytes, which the checksum check relies on.
 */
public final class Pipeline {

    /** An extra step over each text output, after the rule's transforms (the tests use it; production has none). */
    @FunctionalInterface
    public interface Step {
        String apply(String downstreamPath, String text);

        Step NONE = (path, text) -> text;
    }

    /** What the strategies need beyond the rule: the version, the commit, the downstream and its variables. */
    public record Context(String version, String sourceCommit, String downstream, Map<String, Object> variables,
            Registry.Source source) {
        public Context {
            variables = Map.copyOf(variables);
        }

        /** The template variables: the registry's, plus {@code version}, {@code rule_id}, {@code downstream}. */
        Map<String, Object> templateVariables(String ruleId) {
            Map<String, Object> all = new HashMap<>();
            all.put("version", version);
            all.put("rule_id", ruleId);
            all.put("downstream", downstream);
            all.put("source_commit", sourceCommit);
            all.putAll(variables);
            return all;
        }
    }

    private Pipeline() {
    }

    /** The source paths the rule takes: {@code source} glob, then {@code filters.include} (if any), minus excludes. */
    public static List<String> select(SyncRule rule, Collection<String> paths) {
        return paths.stream()
                .filter(p -> Globs.matches(rule.source(), p))
                .filter(p -> rule.filters().include().isEmpty() || rule.filters().include().stream().anyMatch(g -> Globs.matches(g, p)))
                .filter(p -> rule.filters().exclude().stream().noneMatch(g -> Globs.matches(g, p)))
                .sorted().toList();
    }

    /** Where a source file lands downstream. */
    public static String targetFor(SyncRule rule, String sourcePath) {
        String target = rule.targetPath();
        String path;
        if (Globs.literal(rule.source()) && !target.isEmpty() && !target.endsWith("/")) {
            path = target;
        } else {
            String rel = sourcePath.substring(Globs.base(rule.source()).length());
            path = target.isEmpty() ? rel : (target.endsWith("/") ? target : target + "/") + rel;
        }
        if (rule.strategy() == Strategy.TEMPLATE && path.endsWith(".mustache")) {
            path = path.substring(0, path.length() - ".mustache".length());
        }
        return Transforms.rewritePath(rule.transforms(), path);
    }

    /** The outputs, sorted by downstream path. {@code files} holds the selected source files' bytes. */
    public static List<Output> run(SyncRule rule, Map<String, byte[]> files, Context ctx, Step extra) {
        Map<String, String> published = new LinkedHashMap<>();
        Map<String, String> claimedBy = new HashMap<>();
        for (String source : new TreeMap<>(files).keySet()) {
            String target = targetFor(rule, source);
            String earlier = claimedBy.putIfAbsent(target, source);
            if (earlier != null) {
                throw new DistributionException("rule '" + rule.id() + "': " + earlier + " and " + source + " both land at " + target);
            }
            published.put(source, target);
        }
        List<Output> out = new ArrayList<>();
        for (Map.Entry<String, String> e : published.entrySet()) {
            String source = e.getKey();
            String target = e.getValue();
            byte[] bytes = files.get(source);
            out.add(new Output(target, source, switch (rule.strategy()) {
                case REFERENCE -> utf8(Stubs.reference(ctx.source(), source, ctx.version()));
                case COPY -> transformText(rule, source, target, bytes, published, extra, null);
                case TEMPLATE -> transformText(rule, source, target, bytes, published, extra, ctx.templateVariables(rule.id()));
            }));
        }
        out.sort(java.util.Comparator.comparing(Output::path));
        return out;
    }

    private static byte[] transformText(SyncRule rule, String source, String target, byte[] bytes, Map<String, String> published,
            Step extra, Map<String, Object> variables) {
        String text = text(bytes);
        if (text == null) {
            if (variables != null) {
                throw new DistributionException(source + ": a template must be UTF-8 text");
            }
            return bytes; // binary: copied as it is
        }
        if (variables != null) {
            text = Templates.render(source, text, variables);
        }
        text = Transforms.links(rule.transforms(), source, target, text, published);
        return utf8(extra.apply(target, text));
    }

    /** The text of UTF-8 bytes without NUL, or null for anything else. */
    static String text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
