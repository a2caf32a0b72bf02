package io.vaultsync.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vaultsync.config.RemoteAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code agent.yaml} as {@link Mappers#YAML} reads and writes it: every key nullable, checked by
 * {@link SettingsStore}. Keys this version does not know are ignored (a newer version may have written them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "role", "machine", "remote", "branch", "interval", "push_debounce", "rescan", "lock_max_age",
    "network_timeout", "ssh_key", "known_hosts", "ssh_passphrase_file", "username", "token_file", "password_file",
    "http", "stale_after", "hang_after", "workers", "notify"})
record SettingsFile(
        String name, String role, String machine, String remote, String branch, Duration interval,
        @JsonProperty("push_debounce") Duration pushDebounce, Duration rescan,
        @JsonProperty("lock_max_age") Duration lockMaxAge, @JsonProperty("network_timeout") Duration networkTimeout,
        @JsonProperty("ssh_key") String sshKey, @JsonProperty("known_hosts") String knownHosts,
        @JsonProperty("ssh_passphrase_file") String sshPassphraseFile, String username,
        @JsonProperty("token_file") String tokenFile, @JsonProperty("password_file") String passwordFile,
        String http, @JsonProperty("stale_after") Duration staleAfter, @JsonProperty("hang_after") Duration hangAfter,
        Integer workers, @JsonProperty("notify") String notifyCommand) {

    /** The file for these settings; the network timeout, hang_after and workers only when not the default. */
    static SettingsFile of(AgentSettings s) {
        RemoteAccess a = s.access();
        ServiceSettings v = s.service();
        return new SettingsFile(s.name(), s.role().name().toLowerCase(Locale.ROOT), s.machine(), s.remote(), s.branch(),
                s.interval(), s.pushDebounce(), s.rescan(), s.lockMaxAge(),
                a.networkTimeout().equals(RemoteAccess.DEFAULT_TIMEOUT) ? null : a.networkTimeout(),
                text(a.sshKey()), text(a.knownHosts()), text(a.sshPassphraseFile()), a.username(), text(a.tokenFile()),
                text(a.passwordFile()), v.http(), v.staleAfter(),
                v.hangAfter().equals(ServiceSettings.DEFAULT_HANG_AFTER) ? null : v.hangAfter(),
                v.workers() == ServiceSettings.DEFAULT_WORKERS ? null : v.workers(), v.notifyCommand());
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }
}
