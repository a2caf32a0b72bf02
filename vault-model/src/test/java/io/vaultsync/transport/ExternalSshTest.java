package io.vaultsync.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/** The system ssh is chosen and called as C git does it. */
class ExternalSshTest {
    @Test
    void gitSshCommandWinsThenCoreSshCommandThenGitSsh() throws Exception {
        Config c = new Config();
        c.setString("core", null, "sshCommand", "ssh -F /cfg");
        URIish u = new URIish("ssh://git@h:2222/srv/v.git");
        assertThat(ExternalSsh.chosen(Map.of("GIT_SSH_COMMAND", "ssh -i k", "GIT_SSH", "/bin/myssh"), c).argv(u, "git-upload-pack '/srv/v.git'"))
                .containsExactly("/bin/sh", "-c", "ssh -i k \"$@\"", "ssh -i k", "-p", "2222", "git@h", "git-upload-pack '/srv/v.git'");
        assertThat(ExternalSsh.chosen(Map.of("GIT_SSH", "/bin/myssh"), c).argv(u, "cmd"))
                .containsExactly("/bin/sh", "-c", "ssh -F /cfg \"$@\"", "ssh -F /cfg", "-p", "2222", "git@h", "cmd");
        assertThat(ExternalSsh.chosen(Map.of("GIT_SSH", "/bin/myssh"), new Config()).argv(new URIish("h:srv/v.git"), "cmd"))
                .containsExactly("/bin/myssh", "h", "cmd");
        assertThat(ExternalSsh.chosen(Map.of(), new Config())).isNull();
    }

    @Test
    void theExitCodeIsAnsweredOnceTheProcessExitedEvenWhenItsOutputEndedFirst() throws Exception {
        // an ssh that closes its output, then takes a moment to exit with 255 (as OpenSSH refusing a host key)
        ExternalSsh ssh = ExternalSsh.chosen(Map.of("GIT_SSH_COMMAND", "f() { exec 1>&-; sleep 0.5; exit 255; }; f"), new Config());
        Process p = ssh.getSession(new URIish("ssh://h/v.git"), null, null, 0).exec("git-upload-pack '/v.git'", 0);

        assertThat(p.getInputStream().read()).isEqualTo(-1); // the output ended; the process has not exited yet

        assertThat(p.exitValue()).isEqualTo(255);
    }
}
