package app.kftray.helper;

import app.kftray.helper.config.ConfigReader;
import app.kftray.helper.config.HelperConfig;
import app.kftray.helper.config.InvalidConfigException;
import app.kftray.helper.loopback.LinuxLoopbackDevice;
import app.kftray.helper.server.HelperServer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point of the helper daemon: {@code kftray-helper [--config FILE]}. Exit status 2 means
 * the configuration is unusable, 1 that the helper could not start.
 */
public final class Main {
    private Main() {
    }

    /** @param args {@code --config FILE}, optional */
    public static void main(String[] args) {
        Path file = HelperConfig.DEFAULT_FILE;
        if (args.length == 2 && args[0].equals("--config")) {
            file = Path.of(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: kftray-helper [--config FILE]   (default " + HelperConfig.DEFAULT_FILE + ")");
            System.exit(2);
        }
        HelperConfig config;
        try {
            config = ConfigReader.read(file);
        } catch (InvalidConfigException e) {
            System.err.println("kftray-helper: " + e.getMessage());
            System.exit(2);
            return;
        }
        String version = String.valueOf(Main.class.getPackage().getImplementationVersion());
        HelperServer server;
        try {
            server = HelperServer.start(config, new LinuxLoopbackDevice(), version);
        } catch (IOException e) {
            LoggerFactory.getLogger(Main.class).error("event=start_failed error=\"{}\"", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "helper-shutdown"));
        try {
            server.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
