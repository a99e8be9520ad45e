package app.kftray.testing.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Secret Service for tests: a private D-Bus session ({@code dbus-run-session}) with an
 * unlocked gnome-keyring holding its keyrings under a temporary HOME. Processes given
 * {@link #environment()} use it as a desktop session's keyring.
 */
public final class SecretService implements AutoCloseable {
    private final Process session;
    private final Map<String, String> environment;
    private final Path dir;

    private SecretService(Process session, Map<String, String> environment, Path dir) {
        this.session = session;
        this.environment = environment;
        this.dir = dir;
    }

    /** @param dir an empty directory: the session's HOME */
    public static SecretService start(Path dir) throws IOException, InterruptedException {
        Commands.require("dbus-run-session", "dbus", List.of(Path.of("/usr/bin/dbus-run-session")));
        Commands.require("gnome-keyring-daemon", "gnome-keyring", List.of(Path.of("/usr/bin/gnome-keyring-daemon")));
        Commands.require("secret-tool", "libsecret-tools", List.of(Path.of("/usr/bin/secret-tool")));
        Path address = dir.resolve("bus-address");
        String script = "printf test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
                + " && echo \"$DBUS_SESSION_BUS_ADDRESS\" > " + address + ".tmp && mv " + address + ".tmp " + address
                + " && exec sleep 3600";
        ProcessBuilder builder = new ProcessBuilder("dbus-run-session", "--", "sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("session.log").toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process session = builder.start();
        for (int i = 0; i < 500 && !Files.exists(address); i++) {
            if (!session.isAlive()) {
                throw new IllegalStateException("the D-Bus session with gnome-keyring ended: "
                        + Files.readString(dir.resolve("session.log")));
            }
            Thread.sleep(20);
        }
        if (!Files.exists(address)) {
            Commands.stop(session);
            throw new IllegalStateException("gnome-keyring did not start within 10 s");
        }
        Map<String, String> environment = Map.of("DBUS_SESSION_BUS_ADDRESS", Files.readString(address).trim(),
                "HOME", dir.toString());
        return new SecretService(session, environment, dir);
    }

    /** @return the variables that point a process at this session's keyring */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return the secret stored with these attributes, as {@code secret-tool lookup} finds it, or empty */
    public String lookup(String... attributes) throws IOException {
        String[] command = new String[attributes.length + 2];
        command[0] = "secret-tool";
        command[1] = "lookup";
        System.arraycopy(attributes, 0, command, 2, attributes.length);
        try {
            return Commands.run(dir, environment, null, command);
        } catch (IllegalStateException notFound) {
            return "";
        }
    }

    @Override
    public void close() {
        Commands.stop(session);
    }
}
