package io.vaultsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the project version and the git commit it was built from, as the build wrote them
 * into {@code version.properties} (a build outside git has no commit: "unknown").
 */
public final class Version implements CommandLine.IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        Properties p = read();
        return new String[] {"vaultsync " + p.getProperty("version", "unknown") + " (commit " + commit(p) + ")"};
    }

    static Properties read() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return p;
    }

    private static String commit(Properties p) {
        String c = p.getProperty("commit", "");
        if (c.isBlank() || c.startsWith("${")) return "unknown"; // built outside a git work tree
        return p.getProperty("dirty", "false").equals("true") ? c + "-dirty" : c;
    }
}
