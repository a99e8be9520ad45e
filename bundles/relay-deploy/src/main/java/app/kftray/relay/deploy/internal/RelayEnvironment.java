package app.kftray.relay.deploy.internal;

import java.util.Map;

/** The relay container's environment: the variable names kftray's relay image uses. */
final class RelayEnvironment {
    static final String REMOTE_ADDRESS = "REMOTE_ADDRESS";
    static final String REMOTE_PORT = "REMOTE_PORT";
    static final String LOCAL_PORT = "LOCAL_PORT";
    static final String PROXY_TYPE = "PROXY_TYPE";

    private RelayEnvironment() {
    }

    /**
     * @param target     what the relay connects to
     * @param listenPort the port it listens on
     * @return its environment variables
     */
    static Map<String, String> of(RelayTarget target, int listenPort) {
        return Map.of(REMOTE_ADDRESS, target.host(), REMOTE_PORT, Integer.toString(target.port()),
                LOCAL_PORT, Integer.toString(listenPort), PROXY_TYPE, target.proxyType());
    }
}
