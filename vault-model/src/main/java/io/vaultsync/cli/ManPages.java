package io.vaultsync.cli;

import io.vaultsync.policy.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * An agent's manual pages, from the same command definitions as its CLI: picocli's AsciiDoc pages
 * ({@code man/adoc/}, for asciidoctor) and, readable at once with {@code man -l}, troff pages of each
 * command's help ({@code man/man1/}). Run at package time by the agents' builds.
 */
public final class ManPages {
    private ManPages() {}

    /** Writes the pages of {@code command}'s CLI under {@code dir}; returns the troff pages written. */
    public static List<Path> write(Role role, String command, AgentExtension extension, Path dir) throws IOException {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CliContext ctx = new CliContext(role, command, none, none, Clock.systemUTC(), extension);
        CommandLine root = CliTree.build(new CliTree.Root(), ctx);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        Path adoc = Files.createDirectories(dir.resolve("adoc"));
        ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
                all.stream().map(CommandLine::getCommandSpec).toArray(CommandSpec[]::new));
        Path man1 = Files.createDirectories(dir.resolve("man1"));
        List<Path> pages = new ArrayList<>();
        for (CommandLine c : all) {
            String name = c.getCommandSpec().qualifiedName("-");
            Path page = man1.resolve(name + ".1");
            Files.writeString(page, troff(name, c), StandardCharsets.UTF_8);
            pages.add(page);
        }
        return pages;
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        if (c.getCommandSpec().usageMessage().hidden()) return;
        into.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) collect(sub, into);
        }
    }

    /** A man page holding the command's help as preformatted text, under the usual sections. */
    static String troff(String name, CommandLine c) {
        String[] description = c.getCommandSpec().usageMessage().description();
        String summary = description.length == 0 ? name : description[0];
        StringBuilder b = new StringBuilder();
        b.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" 1 \"\" \"vaultsync\" \"vaultsync manual\"\n");
        b.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary)).append('\n');
        b.append(".SH SYNOPSIS\n.nf\n");
        for (String line : c.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R")) b.append(escape(line)).append('\n');
        b.append(".fi\n");
        return b.toString();
    }

    private static String escape(String s) {
        String e = s.replace("\\", "\\e");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
