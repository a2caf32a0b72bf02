package io.vaultsync.distribution.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown inline links ({@code [text](target)} and {@code ![alt](target)}) in a text, outside fenced code
 * blocks, and the path arithmetic to resolve and relativise their targets. Pure.
 */
public final class Links {
    private static final Pattern LINK = Pattern.compile("(!?)\\[([^\\]\\n]*)\\]\\(([^()\\s]+)(\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");

    private Links() {
    }

    /** One link: its text, raw target and whether it is an image. */
    public record Link(String text, String target, boolean image) {
        /** A target inside the same repository: not a URL, not an anchor, not absolute. */
        public boolean relative() {
            return !target.isEmpty() && !target.startsWith("#") && !target.startsWith("/") && !target.contains(":")
                    && !target.startsWith("//");
        }

        /** The target without {@code #fragment} / {@code ?query}. */
        public String path() {
            int cut = target.length();
            for (char c : new char[] {'#', '?'}) {
                int i = target.indexOf(c);
                if (i >= 0) {
                    cut = Math.min(cut, i);
                }
            }
            return target.substring(0, cut);
        }

        /** The {@code #fragment} / {@code ?query} part, or "". */
        public String suffix() {
            return target.substring(path().length());
        }
    }

    /** Every link outside fenced code blocks. */
    public static List<Link> find(String text) {
        List<Link> out = new ArrayList<>();
        rewrite(text, l -> {
            out.add(l);
            return null;
        });
        return out;
    }

    /**
     * The text with each link replaced by what {@code replace} returns for it (markdown), or left as is where it
     * returns {@code null}. Fenced code blocks are left alone.
     */
    public static String rewrite(String text, Function<Link, String> replace) {
        StringBuilder out = new StringBuilder(text.length());
        boolean fenced = false;
        for (String line : text.split("(?<=\n)", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                out.append(line);
                continue;
            }
            if (fenced) {
                out.append(line);
                continue;
            }
            Matcher m = LINK.matcher(line);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                Link link = new Link(m.group(2), m.group(3), !m.group(1).isEmpty());
                String r = replace.apply(link);
                m.appendReplacement(sb, Matcher.quoteReplacement(r == null ? m.group() : r));
            }
            m.appendTail(sb);
            out.append(sb);
        }
        return out.toString();
    }

    /** {@code target} (relative, may hold {@code ..}) resolved against the folder of {@code fromFile}; null if it escapes. */
    public static String resolve(String fromFile, String target) {
        List<String> parts = new ArrayList<>(List.of(folder(fromFile).split("/")));
        parts.removeIf(String::isEmpty);
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    /** The relative link from {@code fromFile} to {@code toFile} (both repository paths). */
    public static String relative(String fromFile, String toFile) {
        String[] from = folder(fromFile).isEmpty() ? new String[0] : folder(fromFile).split("/");
        String[] to = toFile.split("/");
        int common = 0;
        while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            sb.append("../");
        }
        for (int i = common; i < to.length; i++) {
            sb.append(to[i]).append(i < to.length - 1 ? "/" : "");
        }
        return sb.toString();
    }

    private static String folder(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
