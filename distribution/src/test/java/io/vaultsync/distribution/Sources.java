package io.vaultsync.distribution;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worked example on disk, made with C git: a source repository with tags v2.3.0 and v2.4.0, rules for
 * three downstreams (copy with both transforms, template with per-downstream variables, reference) and the
 * registry; three bare downstream repositories, each with one commit on main.
 */
public final class Sources {
    public final Path root;
    public final Path source;
    public final Map<String, Path> downstreams = new LinkedHashMap<>();

    public static final String GUIDE_V240 = """
            # Guide

            Read the [API](api.md#calls) first, then the [plan](../internal/plan.md).
            Upstream: [home](https://example.org/agent33).
            """;
    public static final String API = """
            # API

            ```yaml schema=schemas/agent.schema.json
            name: planner
            retries: 3
            ```
            """;
    public static final String SCHEMA = """
            {"type": "object", "required": ["name"], "additionalProperties": false,
             "properties": {"name": {"type": "string"}, "retries": {"type": "integer", "minimum": 0}}}
            """;

    public Sources(Path root) {
        this.root = root;
        this.source = root.resolve("agent33");
        for (String name : new String[] {"webapp", "mobile", "docs-site"}) {
            Path bare = CGit.initBare(root.resolve("downstream").resolve(name + ".git"));
            Path seed = root.resolve("seed-" + name);
            CGit.run(root, "clone", "-q", bare.toString(), seed.toString());
            VaultFiles.write(seed, "README.md", "# " + name + "\n");
            CGit.run(seed, "add", "-A");
            CGit.run(seed, "commit", "-qm", "start");
            CGit.run(seed, "push", "-q", "origin", "HEAD:main");
            downstreams.put("org/" + name, bare);
        }
        mkdirs(source);
        CGit.run(source, "init", "-q", "-b", "main");
        write("docs/guide.md", "# Guide\n\nOld text, see [API](api.md).\n");
        write("docs/api.md", API);
        write("internal/plan.md", "# Plan\n");
        write("schemas/agent.schema.json", SCHEMA);
        write("templates/README.md.mustache", "# {{product}}\n\nShared handbook for {{product}} ({{team}}), {{version}}.\n");
        write("specs/orchestrator.md", "# Orchestrator\n\nThe full spec.\n");
        rule("copy-docs", """
                sync_rule:
                  id: copy-docs
                  name: Agent handbook
                  source: "docs/**/*.md"
                  target_repo: org/webapp
                  target_path: handbook/
                  strategy: copy
                  frequency: on_release
                  transforms:
                    strip_internal_links: true
                    rewrite_paths:
                      - {from: handbook/api.md, to: reference/api.md}
                  validation: {checksum: true, schema_check: true}
                """);
        rule("readme", """
                sync_rule:
                  id: readme
                  source: templates/README.md.mustache
                  target_repo: org/mobile
                  target_path: HANDBOOK.md
                  strategy: template
                  frequency: on_release
                """);
        rule("orchestrator-spec", """
                sync_rule:
                  id: orchestrator-spec
                  source: "specs/*.md"
                  target_repo: org/docs-site
                  target_path: vendor/agent33/
                  strategy: reference
                  frequency: on_release
                """);
        write("core/orchestrator/distribution/rules/archived/old.yaml", "sync_rule: {id: old, bogus: 1}\n");
        writeRegistry("");
        commit("first handbook");
        CGit.run(source, "tag", "-a", "v2.3.0", "-m", "v2.3.0");
        write("docs/guide.md", GUIDE_V240);
        commit("guide: point at the API calls");
        CGit.run(source, "tag", "-a", "v2.4.0", "-m", "v2.4.0");
    }

    /** Rewrites the registry; {@code webappExtra} goes into org/webapp's entry (indented lines). */
    public void writeRegistry(String webappExtra) {
        write("core/orchestrator/distribution/registry.yaml", "source: {name: agent33, link: \"https://git.example/agent33/blob/{version}/{path}\"}\n"
                + "downstreams:\n"
                + "  org/webapp:\n    url: " + downstreams.get("org/webapp") + "\n    branch: main\n" + webappExtra
                + "  org/mobile:\n    url: " + downstreams.get("org/mobile") + "\n    variables: {product: Mobile, team: Apps}\n"
                + "  org/docs-site:\n    url: " + downstreams.get("org/docs-site") + "\n");
    }

    public void rule(String id, String yaml) {
        write("core/orchestrator/distribution/rules/" + id + ".yaml", yaml);
    }

    public void write(String path, String text) {
        VaultFiles.write(source, path, text);
    }

    public void commit(String message) {
        CGit.run(source, "add", "-A");
        CGit.run(source, "commit", "-qm", message);
    }

    /** Commits and moves tag {@code tag} (annotated) to the new commit. */
    public void commitAndTag(String message, String tag) {
        commit(message);
        CGit.run(source, "tag", "-f", "-a", tag, "-m", tag);
    }

    /** Every ref of every repository (source and downstreams), as C git lists them. */
    public String allRefs() {
        StringBuilder sb = new StringBuilder(CGit.run(source, "for-each-ref"));
        downstreams.forEach((k, v) -> sb.append(k).append('\n').append(CGit.run(v, "for-each-ref")));
        return sb.toString();
    }

    /** Every ref of the downstreams only. */
    public String downstreamRefs() {
        StringBuilder sb = new StringBuilder();
        downstreams.forEach((k, v) -> sb.append(k).append('\n').append(CGit.run(v, "for-each-ref")));
        return sb.toString();
    }

    /** C git's {@code git show REV:PATH} in a downstream. */
    public String show(String repo, String rev, String path) {
        return CGit.run(downstreams.get(repo), "show", rev + ":" + path);
    }

    public String files(String repo, String rev) {
        return CGit.run(downstreams.get(repo), "ls-tree", "-r", "--name-only", rev);
    }

    public void fsckAll() {
        CGit.assertFsckStrict(source);
        downstreams.values().forEach(CGit::assertFsckStrict);
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
