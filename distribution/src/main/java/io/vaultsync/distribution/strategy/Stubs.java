package io.vaultsync.distribution.strategy;

import io.vaultsync.distribution.registry.Registry;

/** The reference strategy's stub: a short Markdown file that links to the canonical file at the released version. */
final class Stubs {
    private Stubs() {
    }

    static String reference(Registry.Source source, String sourcePath, String version) {
        String name = sourcePath.substring(sourcePath.lastIndexOf('/') + 1);
        String where = "`" + sourcePath + "` in " + source.name() + " at " + version;
        String line = source.link() == null ? where
                : "[" + where + "](" + source.link().replace("{version}", version).replace("{path}", sourcePath) + ")";
        return "<!-- " + source.name() + "-sync: reference stub, generated; the content lives in the source -->\n"
                + "# " + name + "\n\n"
                + "The canonical version of this file is " + line + ".\n";
    }
}
