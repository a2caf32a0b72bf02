package io.vaultsync.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vaultsync.PolicyException;
import io.vaultsync.policy.PolicyYaml.AgentEntry;
import io.vaultsync.policy.PolicyYaml.RawAgent;
import io.vaultsync.policy.PolicyYaml.RawGate;
import io.vaultsync.policy.PolicyYaml.RawPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes the policy file ({@link Policy#PATH}). Strict: unknown keys, wrong types, malformed
 * YAML and invalid values are {@link PolicyException}s whose message names the file, the line and the key.
 * Omitted keys take defaults: {@code branch: main}, an agent's {@code zones} from its role, the gate's
 * {@link GateSettings#defaults()}, no signing keys. {@code version} and {@code agents} are required. Key lists
 * ({@code signing_keys}, {@code revoked_keys}) hold OpenSSH ed25519 public key lines ({@link SshPublicKey}).
 */
public final class PolicyLoader {

    private PolicyLoader() {
    }

    public static Policy load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": no policy file (run init to create one)", e);
        } catch (CharacterCodingException e) {
            throw new PolicyException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Policy parse(String yamlText, String fileNameForMessages) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(fileNameForMessages, "fileNameForMessages");
        RawPolicy raw = read(yamlText, fileNameForMessages);
        if (raw == null) {
            throw new PolicyException(YamlErrors.at(fileNameForMessages, 1, "the policy file is empty"));
        }
        return new Checker(fileNameForMessages, yamlText).toPolicy(raw);
    }

    /**
     * Reads the raw policy through a parser of our own, still open when an error is turned into a message:
     * Jackson closes the parsers it creates when reading fails, and with them the token {@link YamlErrors}
     * names ({@code got a string}).
     */
    /** Builds the policy's reader ahead of the first parse (a command's start-up thread does). */
    public static void warm() {
        PolicyYaml.MAPPER.readerFor(RawPolicy.class);
    }

    private static RawPolicy read(String yamlText, String file) {
        try (JsonParser parser = PolicyYaml.MAPPER.createParser(yamlText)) {
            try {
                return PolicyYaml.MAPPER.readValue(parser, RawPolicy.class);
            } catch (JsonProcessingException e) {
                throw new PolicyException(YamlErrors.message(file, yamlText, e), e);
            }
        } catch (JsonProcessingException e) {
            throw new PolicyException(YamlErrors.message(file, yamlText, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a policy from memory", e);
        }
    }

    /** The policy as YAML with an explanatory header; {@link #parse} reads it back to an equal policy. */
    public static String render(Policy policy) {
        return PolicyWriter.render(policy);
    }

    /** Semantic checks on the raw values, with the line found by re-scanning the text. */
    private static final class Checker {
        private final String file;
        private final String[] lines;

        Checker(String file, String text) {
            this.file = file;
            this.lines = text.split("\\R", -1);
        }

        Policy toPolicy(RawPolicy raw) {
            if (raw.version() == null) {
                throw fail(1, "missing key 'version' (this vaultsync reads version " + Policy.VERSION + ")");
            }
            if (raw.version() != Policy.VERSION) {
                throw fail(topLine("version"), "key 'version': unsupported version " + raw.version()
                        + " (this vaultsync reads version " + Policy.VERSION + ")");
            }
            String branch = raw.branch() == null ? Policy.DEFAULT_BRANCH : raw.branch();
            if (!Policy.isValidBranch(branch)) {
                throw fail(topLine("branch"), "key 'branch': '" + branch + "' is not a valid git branch name");
            }
            List<AgentSpec> agents = agents(raw.agents());
            GateSettings gate = gate(raw.gate());
            if (raw.signaturesFrom() != null && !Policy.isCommitId(raw.signaturesFrom())) {
                throw fail(topLine("signatures_from"), "key 'signatures_from': not a full commit id (40 lower-case hex digits)");
            }
            try {
                return new Policy(Policy.VERSION, branch, agents, gate, Optional.ofNullable(raw.signaturesFrom()));
            } catch (IllegalArgumentException e) { // every rule is checked above; kept as a safety net
                throw new PolicyException(file + ": " + e.getMessage(), e);
            }
        }

        private List<AgentSpec> agents(List<AgentEntry> entries) {
            int agentsLine = topLine("agents");
            if (entries == null || entries.isEmpty()) {
                throw fail(agentsLine, "key 'agents': at least one agent is required");
            }
            List<AgentSpec> agents = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                String in = " (in agents[" + i + "])";
                AgentEntry entry = entries.get(i);
                if (entry == null) {
                    throw fail(agentsLine, "agents[" + i + "] is empty (expected keys name, role, zones)");
                }
                RawAgent a = entry.agent();
                if (a.name() == null) {
                    throw fail(entry.line(), "missing key 'name' in agents[" + i + "]");
                }
                int nameLine = lineContaining(entry.line(), a.name());
                if (!AgentSpec.isValidName(a.name())) {
                    throw fail(nameLine, "key 'name': '" + a.name() + "' is not a valid agent name ("
                            + AgentSpec.nameRule() + ")" + in);
                }
                Integer first = seen.putIfAbsent(a.name(), i);
                if (first != null) {
                    throw fail(nameLine, "key 'name': duplicate agent name '" + a.name() + "'"
                            + " (in agents[" + i + "], first in agents[" + first + "])");
                }
                if (a.role() == null) {
                    throw fail(entry.line(), "missing key 'role' in agents[" + i + "] (one of cloud, local)");
                }
                List<String> zones = a.zones() == null ? Policy.defaultZones(a.role(), a.name()) : a.zones();
                for (int j = 0; j < zones.size(); j++) {
                    String zone = zones.get(j);
                    if (zone == null) {
                        throw fail(lineContaining(entry.line(), "zones"), "key 'zones[" + j + "]': empty zone" + in);
                    }
                    try {
                        ZonePattern.compile(zone);
                    } catch (IllegalArgumentException e) {
                        throw fail(lineContaining(entry.line(), zone), "key 'zones[" + j + "]': " + e.getMessage() + in);
                    }
                }
                List<String> signing = keys(entry.line(), "signing_keys", a.signingKeys(), in);
                List<String> revoked = keys(entry.line(), "revoked_keys", a.revokedKeys(), in);
                try {
                    agents.add(new AgentSpec(a.name(), a.role(), zones, signing, revoked));
                } catch (IllegalArgumentException e) { // a key both listed and revoked, or listed twice
                    throw fail(lineContaining(entry.line(), "_keys"), e.getMessage() + in);
                }
            }
            if (agents.stream().noneMatch(a -> a.role() == Role.LOCAL)) {
                throw fail(agentsLine, "key 'agents': no agent has role local (one is required: it owns the policy file)");
            }
            return agents;
        }

        /** Each key line checked by {@link SshPublicKey#parse}; a message never quotes the key's text. */
        private List<String> keys(int entryLine, String key, List<String> raw, String in) {
            if (raw == null) {
                return List.of();
            }
            List<String> keys = new ArrayList<>();
            for (int j = 0; j < raw.size(); j++) {
                String line = raw.get(j);
                int at = lineContaining(entryLine, key);
                try {
                    keys.add(SshPublicKey.parse(line).line());
                } catch (IllegalArgumentException e) {
                    if (line != null && !line.isBlank() && !SshPublicKey.looksPrivate(line)) {
                        at = lineContaining(at, line.strip().split("[ \\t]+")[0]);
                        String[] parts = line.strip().split("[ \\t]+", 3);
                        if (parts.length > 1 && parts[1].length() > 8) {
                            at = lineContaining(at, parts[1].substring(0, 8));
                        }
                    }
                    throw fail(at, "key '" + key + "[" + j + "]': " + e.getMessage() + in);
                }
            }
            return keys;
        }

        private GateSettings gate(RawGate raw) {
            if (raw == null) {
                return GateSettings.defaults();
            }
            long max = raw.maxFileSize() == null ? GateSettings.DEFAULT_MAX_FILE_SIZE : raw.maxFileSize();
            List<String> deny = raw.deny() == null ? List.of() : raw.deny();
            for (int j = 0; j < deny.size(); j++) {
                if (deny.get(j) == null || deny.get(j).isBlank()) {
                    throw fail(lineContaining(topLine("gate"), "deny"), "key 'deny[" + j + "]': empty pattern (in gate)");
                }
            }
            return new GateSettings(max, deny);
        }

        private PolicyException fail(int line, String message) {
            return new PolicyException(YamlErrors.at(file, line, message));
        }

        /** The line of a top-level block key, or 1 if it is not written that way. */
        private int topLine(String key) {
            Pattern p = Pattern.compile("^['\"]?" + Pattern.quote(key) + "['\"]?\\s*:.*");
            for (int i = 0; i < lines.length; i++) {
                if (p.matcher(lines[i]).matches()) {
                    return i + 1;
                }
            }
            return 1;
        }

        /** The first line at or after {@code from} (1-based) containing {@code needle}, else {@code from}. */
        private int lineContaining(int from, String needle) {
            for (int i = Math.max(from, 1) - 1; i < lines.length; i++) {
                if (lines[i].contains(needle)) {
                    return i + 1;
                }
            }
            return from;
        }
    }
}
