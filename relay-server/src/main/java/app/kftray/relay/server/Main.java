package app.kftray.relay.server;

import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Entry point of the relay container: reads the environment, starts the relay and stops it
 * cleanly on SIGTERM. Exit status 2 means the configuration is unusable, 1 that the relay
 * could not start.
 */
public final class Main {

    /** Environment variable with the log level (trace, debug, info, warn, error); default info. */
    public static final String LOG_LEVEL = "RELAY_LOG_LEVEL";

    private Main() {
    }

    /** @param args ignored; the relay is configured by environment variables */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        applyLogLevel(env.get(LOG_LEVEL));
        RelayConfig config;
        try {
            config = EnvironmentConfig.read(env);
        } catch (InvalidRelayConfigException e) {
            System.err.println("relay: invalid configuration, nothing started:");
            e.problems().forEach(problem -> System.err.println("  - " + problem));
            System.exit(2);
            return;
        }
        RelayServer relay;
        try {
            relay = RelayServer.start(config);
        } catch (IllegalStateException e) {
            LoggerFactory.getLogger(Main.class).error("event=start_failed error=\"{}\"", e.getMessage());
            System.exit(1);
            return;
        }
        // SIGTERM runs shutdown hooks: stop accepting, close flows, then let the JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-shutdown"));
        relay.awaitClosed();
    }

    /** Must run before the first logger is created: slf4j-simple reads its level once. */
    private static void applyLogLevel(String level) {
        if (level != null && !level.isBlank() && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.trim().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
