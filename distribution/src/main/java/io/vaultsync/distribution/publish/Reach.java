package io.vaultsync.distribution.publish;

import io.vaultsync.config.RemoteAccess;
import io.vaultsync.transport.Remote;
import io.vaultsync.transport.UrlCredentials;
import java.io.IOException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.util.SystemReader;

/**
 * How the tool reaches a downstream: through the agents' transports, so a registry URL works as it does for a
 * vault remote. SSH uses {@code ~/.ssh} from {@code $HOME} with strict host keys; HTTPS uses git's credential
 * helpers, {@code .netrc} and {@code http.sslCAInfo} from the person's git config. A user name and password
 * written in the URL are used from memory and never shown: messages name {@link Remote#shownUrl()}.
 */
public final class Reach {
    private Reach() {
    }

    /** The remote for a registry URL. */
    public static Remote of(String url) {
        UrlCredentials c = UrlCredentials.split(url);
        RemoteAccess access = c.username() == null ? RemoteAccess.DEFAULT
                : new RemoteAccess(null, null, null, c.username(), null, null, RemoteAccess.DEFAULT_TIMEOUT);
        return new Remote(c.url(), access, userConfig(), null).withPreset(c.username(), c.password());
    }

    private static Config userConfig() {
        try {
            return SystemReader.getInstance().getUserConfig();
        } catch (IOException | ConfigInvalidException e) {
            return new Config(); // an unreadable ~/.gitconfig: the defaults, as for an agent's first remote
        }
    }
}
