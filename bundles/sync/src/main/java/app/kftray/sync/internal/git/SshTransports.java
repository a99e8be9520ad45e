package app.kftray.sync.internal.git;

import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.SyncException;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;

/** SSH URLs: this build carries no SSH client for Git, so they are refused with a clear message. */
final class SshTransports {
    private SshTransports() {
    }

    static void configure(Transport transport, Settings settings) {
        if (transport instanceof SshTransport) {
            throw new SyncException("SSH URLs are not supported yet; use an https:// URL with --token-stdin"
                    + " or --credential-helper, or git://", null);
        }
    }
}
