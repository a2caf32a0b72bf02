package io.vaultsync.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP(S) remote URL split into the address that may be stored and shown, and the user name and
 * password it carried ({@code https://user:password@host/path}). Other URLs are returned as they are.
 */
public record UrlCredentials(String url, String username, String password) {
    private static final Pattern HTTP = Pattern.compile("(?i)(https?://)([^/@\\s]*)@(.*)");

    public static UrlCredentials split(String remote) {
        Matcher m = HTTP.matcher(remote);
        if (!m.matches()) return new UrlCredentials(remote, null, null);
        String info = m.group(2);
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? null : info.substring(colon + 1);
        return new UrlCredentials(m.group(1) + m.group(3), blankToNull(decode(user)), blankToNull(decode(password)));
    }

    public boolean hasPassword() {
        return password != null;
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "UrlCredentials[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
