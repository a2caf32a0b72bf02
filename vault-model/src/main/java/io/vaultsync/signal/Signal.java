package io.vaultsync.signal;

import io.vaultsync.markdown.YamlText;
import io.vaultsync.markdown.FrontMatter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notable event the cloud reports to the human: {@code Updates/SIGNAL_<yyyyMMdd-HHmmss>_<event>_<token>.md},
 * Markdown with a small front matter ({@code signal}, {@code time}, {@code agent}, {@code task}) and a
 * title line. The local agent merges signals into {@code Dashboard.md}, newest first. A signal a person
 * wrote by hand (no front matter) still reads: its time comes from the file name, or is unknown.
 *
 * @param event short kebab-case name, e.g. {@code draft-ready}, {@code handler-failed}
 * @param task  the task it concerns, or null
 * @param title one line for the dashboard
 */
public record Signal(String event, Instant time, String agent, String task, String title, String body) {
    public static final String DIR = "Updates/";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("SIGNAL_(\\d{8}-\\d{6})_.*\\.md");
    private static final Pattern FIELD = Pattern.compile("^([a-z_]+):\\s*(.*)$");

    public Signal {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
    }

    /** The vault path for this signal; {@code token} keeps two signals of the same second apart. */
    public String path(String token) {
        String slug = event.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return DIR + "SIGNAL_" + NAME_TIME.format(time) + "_" + slug + "_" + token + ".md";
    }

    public byte[] render() {
        StringBuilder sb = new StringBuilder("---\n");
        sb.append("signal: ").append(event).append('\n');
        sb.append("time: ").append(time).append('\n');
        if (agent != null) sb.append("agent: ").append(agent).append('\n');
        if (task != null) sb.append("task: ").append(oneLine(task)).append('\n');
        sb.append("---\n\n# ").append(oneLine(title)).append('\n');
        if (!body.isEmpty()) sb.append('\n').append(body).append(body.endsWith("\n") ? "" : "\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a signal file; anything readable as text is a signal (the title falls back to the file name). */
    public static Signal parse(String path, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String name = path.substring(path.lastIndexOf('/') + 1);
        String event = "note";
        Instant time = timeFromName(name).orElse(null);
        String agent = null;
        String task = null;
        String rest = text;
        FrontMatter.Block b = FrontMatter.Block.of(text);
        if (b != null) {
            for (String line : b.lines()) {
                Matcher m = FIELD.matcher(line.trim());
                if (!m.matches()) continue;
                String v = YamlText.unquote(m.group(2).trim());
                switch (m.group(1)) {
                    case "signal" -> event = v;
                    case "time" -> time = instant(v).orElse(time);
                    case "agent" -> agent = v;
                    case "task" -> task = v;
                    default -> { }
                }
            }
            rest = b.rest();
        }
        String title = null;
        StringBuilder body = new StringBuilder();
        for (String line : rest.split("\n", -1)) {
            if (title == null) {
                if (line.isBlank()) continue;
                title = line.replaceFirst("^#+\\s*", "").trim();
            } else {
                body.append(line).append('\n');
            }
        }
        if (title == null || title.isEmpty()) title = name;
        return new Signal(event, time, agent, task, title, body.toString().strip());
    }

    static Optional<Instant> timeFromName(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(Instant.from(NAME_TIME.parse(m.group(1))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String v) {
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").trim();
    }
}
