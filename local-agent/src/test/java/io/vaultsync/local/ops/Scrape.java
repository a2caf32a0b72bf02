package io.vaultsync.local.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running agent's endpoint as a scraper sees it: its URL read from the agent's output, GETs, metric values. */
final class Scrape {
    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+?)/healthz");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrape() {}

    /** The base URL the agent printed when it bound its endpoint, or null before. */
    static String url(Path runOutput) {
        try {
            Matcher m = SERVING.matcher(Files.exists(runOutput) ? Files.readString(runOutput) : "");
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static HttpResponse<String> get(String base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + base + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The value of one series ({@code name} or {@code name{labels}}, labels as the exposition sorts them); 0 if absent. */
    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
        return 0;
    }

    static double metric(String base, String series) {
        return value(get(base, "/metrics").body(), series);
    }
}
