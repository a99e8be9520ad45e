package app.kftray.sync.internal.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/** The SSH agent of {@code SSH_AUTH_SOCK} (or a socket ~/.ssh/config's IdentityAgent names), through {@link UnixAgentConnector}. */
final class UnixAgentConnectors implements ConnectorFactory {
    private static final String ENVIRONMENT = "SSH_AUTH_SOCK";
    private static final ConnectorDescriptor DEFAULT = new ConnectorDescriptor() {
        @Override
        public String getIdentityAgent() {
            return ENVIRONMENT;
        }

        @Override
        public String getDisplayName() {
            return "SSH agent of " + ENVIRONMENT;
        }
    };

    @Override
    public Connector create(String identityAgent, File homeDir) throws IOException {
        String socket = identityAgent == null || identityAgent.isBlank() || ENVIRONMENT.equals(identityAgent)
                ? System.getenv(ENVIRONMENT) : identityAgent;
        if (socket == null || socket.isBlank()) {
            throw new IOException("no SSH agent: " + ENVIRONMENT + " is not set");
        }
        return new UnixAgentConnector(Path.of(socket.replaceFirst("^~", homeDir.getPath())));
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public String getName() {
        return "jdk-unix-domain-socket";
    }

    @Override
    public Collection<ConnectorDescriptor> getSupportedConnectors() {
        return List.of(DEFAULT);
    }

    @Override
    public ConnectorDescriptor getDefaultConnector() {
        return DEFAULT;
    }
}
