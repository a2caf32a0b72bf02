package io.vaultsync.transport;

import java.util.regex.Pattern;

/**
 * Takes credentials out of URLs and of text that may quote one (an exception message, a log line). For
 * HTTP(S) every user-info part goes (a token is often given as the user name); for other schemes only a
 * password does ({@code ssh://git@host} keeps its user, which is no secret and part of the address).
 */
public final class Redact {
    private static final Pattern HTTP_USERINFO = Pattern.compile("(?i)\\b(https?://)[^/@\\s]*@");
    private static final Pattern PASSWORD = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\\s]*):[^/@\\s]*@");

    private Redact() {}

    /** {@code text} with every URL's credentials removed. */
    public static String text(String text) {
        if (text == null) return null;
        String t = HTTP_USERINFO.matcher(text).replaceAll("$1");
        return PASSWORD.matcher(t).replaceAll("$1@");
    }

    /** A URL as it may be shown or stored. */
    public static String url(String url) {
        return text(url);
    }
}
