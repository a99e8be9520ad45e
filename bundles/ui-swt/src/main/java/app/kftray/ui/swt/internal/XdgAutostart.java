package app.kftray.ui.swt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * "Start with the desktop session": a desktop entry in the XDG autostart directory
 * ({@code $XDG_CONFIG_HOME/autostart}, else {@code ~/.config/autostart}) that desktop sessions
 * run at login. Its presence is the setting, so removing it by hand turns it off too.
 */
final class XdgAutostart {
    static final String FILE_NAME = "kftray.desktop";

    private final Path file;

    /** @param entry the desktop entry file */
    XdgAutostart(Path entry) {
        this.file = entry;
    }

    /**
     * @param environment the process environment
     * @param userHome    the user's home directory
     * @return the autostart entry of this user
     */
    static XdgAutostart of(Map<String, String> environment, Path userHome) {
        String configHome = environment.get("XDG_CONFIG_HOME");
        Path base = configHome != null && !configHome.isBlank() && Path.of(configHome).isAbsolute()
                ? Path.of(configHome) : userHome.resolve(".config");
        return new XdgAutostart(base.resolve("autostart").resolve(FILE_NAME));
    }

    /** @return where the entry is */
    Path file() {
        return file;
    }

    /** @return whether kftray starts with the session */
    boolean enabled() {
        return Files.isRegularFile(file);
    }

    /**
     * @param launcher the kftray start script
     * @throws IOException if the entry cannot be written
     */
    void enable(Path launcher) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "[Desktop Entry]",
                "Type=Application",
                "Name=kftray",
                "Comment=Kubernetes port forwards in the system tray",
                "Exec=" + quote(launcher.toString()) + " --feature desktop",
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                ""));
    }

    /** @throws IOException if the entry exists but cannot be removed */
    void disable() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Quotes an Exec argument as the desktop entry specification asks. */
    static String quote(String argument) {
        if (argument.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`".indexOf(c) >= 0)) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString().replace("\\", "\\\\");
    }
}
