package app.kftray.relay.deploy.internal;

/** The relay container's environment: the variable names kftray's relay image uses. */
final class RelayEnvironment {
    static final String REMOTE_ADDRESS = "REMOTE_ADDRESS";
    static final String REMOTE_PORT = "REMOTE_PORT";
    static final String LOCAL_PORT = "LOCAL_PORT";
    static final String PROXY_TYPE = "PROXY_TYPE";

    private RelayEnvironment() {
    }
}
