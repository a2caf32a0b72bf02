package io.vaultsync.local.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.fixtures.FileStoreProbe;
import io.vaultsync.fixtures.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two jars run as a person runs them on their own machine: a process with its own {@code $HOME}
 * (its {@code ~/.ssh}, {@code ~/.gitconfig}, {@code ~/.netrc}) and nothing from the build's environment
 * but Java. Every output is kept, so a test can grep all of it for a secret.
 */
final class Agents {
    static final String CLOUD = "vaultsync.cloudJar";
    static final String LOCAL = "vaultsync.localJar";

    private final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final StringBuilder allOutput = new StringBuilder();

    Agents(Path home) {
        this.home = home;
        try {
            Files.createDirectories(home);
            FileStoreProbe.seed(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path home() {
        return home;
    }

    /** An environment variable for every process started from here on. */
    Agents env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Everything every command printed so far. */
    String allOutput() {
        return allOutput.toString();
    }

    JavaProcess.Result run(String jar, String... args) {
        JavaProcess.Result r = JavaProcess.run(builder(jar, args), args);
        allOutput.append(r.all());
        return r;
    }

    /** Runs and requires exit 0. */
    JavaProcess.Result ok(String jar, String... args) {
        JavaProcess.Result r = run(jar, args);
        assertThat(r.exitCode()).as("%s %s:%n%s", jar, String.join(" ", args), r.all()).isZero();
        return r;
    }

    /** A daemon ({@code run}), its output going to {@code log}. */
    Process start(Path log, String jar, String... args) {
        try {
            return builder(jar, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> statusJson(String jar, Path vault) {
        JavaProcess.Result r = ok(jar, "status", "--vault", vault.toString(), "--json");
        try {
            return new ObjectMapper().readValue(r.stdout(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("status --json is not JSON: " + r.stdout(), e);
        }
    }

    private ProcessBuilder builder(String jar, String... args) {
        Path path = JavaProcess.jar(jar);
        List<String> cmd = JavaProcess.java(path); // no -Duser.home: the agents take it from HOME, as they would for a user
        cmd.addAll(List.of("-jar", path.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("SSH_AUTH_SOCK") || k.startsWith("XDG_"));
        e.put("HOME", home.toString());
        e.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("GIT_TERMINAL_PROMPT", "0");
        e.putAll(env);
        return pb;
    }

    /** A file's text, or "" while it does not exist. */
    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} whose bytes contain {@code secret} (except {@code allowed}). */
    static List<Path> filesContaining(Path dir, String secret, Path allowed) {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isRegularFile(p) || p.equals(allowed)) continue;
                if (indexOf(Files.readAllBytes(p), needle) >= 0) hits.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
