package io.vaultsync.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code distribute --version} names the build's version and commit, as the agents' {@code --version} does. */
class VersionLineTest {
    @Test
    void theVersionLineNamesTheBuildsVersionAndCommit() {
        StringWriter out = new StringWriter();

        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version");

        assertThat(code).isZero();
        assertThat(out.toString()).matches("vaultsync \\d+\\.\\d+\\.\\d+\\S* \\(commit \\S+\\)\\R");
    }
}
