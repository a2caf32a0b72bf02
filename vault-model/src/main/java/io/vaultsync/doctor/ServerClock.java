package io.vaultsync.doctor;

import io.vaultsync.transport.CaTrust;
import io.vaultsync.transport.Redact;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.eclipse.jgit.lib.Config;

/**
 * The server's time, from the {@code Date} header of one anonymous request for the remote's
 * {@code info/refs} (any status will do: a 401 carries a Date too). No credential is sent: the URL loses its
 * user info and the request has an authenticator of its own that answers nothing. HTTPS trusts what the
 * agent's transport trusts: git's {@code http.sslCAInfo} / {@code GIT_SSL_CAINFO} when set, else the JDK's.
 */
final class ServerClock {
    private static final Duration MAX_WAIT = Duration.ofSeconds(15);

    private ServerClock() {}

    /** The clock line for an HTTP(S) remote. */
    static Check check(String url, Config config, Map<String, String> env, Path home, Duration timeout, Clock clock) {
        String host = hostOf(url);
        try {
            Instant sent = clock.instant();
            Optional<Instant> date = serverDate(url, config, env, home, timeout);
            Instant received = clock.instant();
            if (date.isEmpty()) return MachineChecks.clockUnknown(host + " sent no Date header");
            return MachineChecks.clock(skew(sent, received, date.get()), host);
        } catch (IOException | GeneralSecurityException e) {
            return MachineChecks.clockUnknown("no answer from " + host + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * This machine's clock minus the server's, with the request's round trip split in two and the Date
     * header's truncation to whole seconds allowed for (the server's time was half a second past it, on average).
     */
    static Duration skew(Instant sent, Instant received, Instant serverDate) {
        Instant mid = sent.plus(Duration.between(sent, received).dividedBy(2));
        return Duration.between(serverDate.plusMillis(500), mid);
    }

    /** The URL the request goes to: the remote's, without credentials, plus the smart-HTTP discovery path. */
    static String probeUrl(String remoteUrl) {
        String u = Redact.url(remoteUrl);
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u + "/info/refs?service=git-upload-pack";
    }

    private static Optional<Instant> serverDate(String url, Config config, Map<String, String> env, Path home,
            Duration timeout) throws IOException, GeneralSecurityException {
        HttpURLConnection c = (HttpURLConnection) new URL(probeUrl(url)).openConnection();
        try {
            int ms = (int) Math.min(timeout.toMillis(), MAX_WAIT.toMillis());
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setAuthenticator(new Authenticator() {}); // answers every challenge with nothing
            c.setRequestProperty("User-Agent", "git/vaultsync-doctor");
            Path ca = CaTrust.caFile(url, config, env, home);
            if (c instanceof HttpsURLConnection https && ca != null) https.setSSLSocketFactory(trusting(ca));
            c.getResponseCode();
            String date = c.getHeaderField("Date");
            if (date == null) return Optional.empty();
            try {
                return Optional.of(ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        } finally {
            c.disconnect();
        }
    }

    private static javax.net.ssl.SSLSocketFactory trusting(Path caFile) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, CaTrust.trustManagers(caFile), null);
        return ctx.getSocketFactory();
    }

    private static String hostOf(String url) {
        try {
            URL u = new URL(Redact.url(url));
            return u.getPort() > 0 ? u.getHost() + ":" + u.getPort() : u.getHost();
        } catch (IOException e) {
            return Redact.url(url);
        }
    }
}
