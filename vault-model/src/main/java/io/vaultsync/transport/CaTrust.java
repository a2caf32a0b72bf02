package io.vaultsync.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * HTTPS connections that trust the certificate authorities of git's {@code http.sslCAInfo} (or
 * {@code GIT_SSL_CAINFO}), as C git does: the file replaces the JDK's default authorities. Without one,
 * the JDK's defaults. Verification itself stays on ({@code http.sslVerify=false} is left to JGit, which
 * honours it).
 */
public final class CaTrust implements HttpConnectionFactory2 {
    private final JDKHttpConnectionFactory jdk = new JDKHttpConnectionFactory();
    private final Path caFile;

    private CaTrust(Path caFile) {
        this.caFile = caFile;
    }

    /** A factory for {@code url}, or null when no CA file is configured (the JDK's own then). */
    static CaTrust forUrl(String url, Config config, Map<String, String> env, Path home) {
        Path f = caFile(url, config, env, home);
        return f == null ? null : new CaTrust(f);
    }

    /** {@code GIT_SSL_CAINFO}, else {@code http.<url>.sslCAInfo} for the longest matching prefix, else {@code http.sslCAInfo}. */
    public static Path caFile(String url, Config config, Map<String, String> env, Path home) {
        String v = env.get("GIT_SSL_CAINFO");
        if ((v == null || v.isBlank()) && config != null) {
            String best = null;
            for (String sub : config.getSubsections("http")) {
                if (url.startsWith(sub) && config.getString("http", sub, "sslCAInfo") != null
                        && (best == null || sub.length() > best.length())) best = sub;
            }
            v = config.getString("http", best, "sslCAInfo");
        }
        if (v == null || v.isBlank()) return null;
        return v.startsWith("~/") ? home.resolve(v.substring(2)) : Path.of(v);
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        HttpConnection c = proxy == null ? jdk.create(url) : jdk.create(url, proxy);
        if ("https".equalsIgnoreCase(url.getProtocol())) {
            try {
                c.configure(null, trustManagers(), null);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot use http.sslCAInfo " + caFile + ": " + e.getMessage(), e);
            }
        }
        return c;
    }

    @Override
    public GitSession newSession() {
        return jdk.newSession();
    }

    private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        return trustManagers(caFile);
    }

    /** Trust managers that trust exactly the certificates in {@code caFile} (PEM, one or more). */
    public static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(caFile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + n++, c);
            }
        }
        if (n == 0) throw new GeneralSecurityException("no certificate in it");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }
}
