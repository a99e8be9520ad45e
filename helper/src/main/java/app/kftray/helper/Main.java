package app.kftray.helper;

import app.kftray.helper.config.ConfigReader;
import app.kftray.helper.config.HelperConfig;
import app.kftray.helper.config.InvalidConfigException;
import app.kftray.helper.hosts.MalformedHostsFileException;
import app.kftray.helper.loopback.LinuxLoopbackDevice;
import app.kftray.helper.server.HelperServer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point of the helper daemon: {@code kftray-helper [--config FILE] [--clear]}. With
 * {@code --clear} it does not serve but takes back what it changed (before it is removed). Exit
 * status 2 means the command line or configuration is unusable, 1 that the helper could not
 * start or clear.
 */
public final class Main {
    private Main() {
    }

    /** @param args {@code --config FILE} and {@code --clear}, both optional */
    public static void main(String[] args) {
        Path file = HelperConfig.DEFAULT_FILE;
        boolean clear = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].equals("--clear")) {
                clear = true;
            } else {
                System.err.println("usage: kftray-helper [--config FILE] [--clear]   (default config "
                        + HelperConfig.DEFAULT_FILE + ")");
                System.exit(2);
            }
        }
        HelperConfig config;
        try {
            config = ConfigReader.read(file);
        } catch (InvalidConfigException e) {
            System.err.println("kftray-helper: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (clear) {
            System.exit(clear(config));
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

    private static int clear(HelperConfig config) {
        try {
            System.out.println("kftray-helper: " + Cleanup.run(config, new LinuxLoopbackDevice()));
            return 0;
        } catch (IOException | MalformedHostsFileException e) {
            System.err.println("kftray-helper: cannot clear: " + e.getMessage());
            return 1;
        }
    }
}
