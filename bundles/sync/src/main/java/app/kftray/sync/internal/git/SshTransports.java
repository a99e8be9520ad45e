package app.kftray.sync.internal.git;

import app.kftray.api.ConfigSync.Settings;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * SSH for one sync (Apache MINA sshd through JGit): the key file of the settings, or else the SSH
 * agent and the default keys of ~/.ssh; host keys checked against known_hosts (the settings' file,
 * or ~/.ssh/known_hosts) — an unknown or changed host key is refused, never accepted silently.
 */
final class SshTransports implements AutoCloseable {
    private final Settings settings;
    private SshdSessionFactory factory;

    SshTransports(Settings settings) {
        this.settings = settings;
    }

    void configure(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory());
        }
    }

    private synchronized SshdSessionFactory factory() {
        if (factory == null) {
            File home = FS.DETECTED.userHome();
            SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder().setHomeDirectory(home)
                    .setSshDirectory(new File(home, ".ssh")).setPreferredAuthentications("publickey")
                    .setConnectorFactory(settings.keyFile() == null ? new UnixAgentConnectors() : null);
            if (settings.keyFile() != null) {
                builder.setDefaultIdentities(dir -> List.of(Path.of(settings.keyFile())));
            }
            if (settings.knownHosts() != null) {
                builder.setDefaultKnownHostsFiles(dir -> List.of(Path.of(settings.knownHosts())));
            }
            factory = builder.build(null);
        }
        return factory;
    }

    @Override
    public synchronized void close() {
        if (factory != null) {
            factory.close();
        }
    }
}
