package app.kftray.launcher.helper;

import java.nio.file.Path;

/**
 * Where an installed helper's files live, below a root directory: {@code /} for a real
 * installation, a staging directory for tests and packagers. The paths written into the files
 * are always the real ones.
 *
 * @param root the directory the installation goes below
 */
public record HelperFiles(Path root) {
    /** The helper's jar, root-owned so no user can change what runs as root. */
    public static final Path JAR = Path.of("/usr/local/lib/kftray-helper/kftray-helper.jar");
    /** The helper's configuration. */
    public static final Path CONFIG = Path.of("/etc/kftray-helper/config.json");
    /** The systemd system unit. */
    public static final Path UNIT = Path.of("/etc/systemd/system/kftray-helper.service");
    /** The socket the helper listens on (systemd creates its directory). */
    public static final Path SOCKET = Path.of("/run/kftray-helper/helper.sock");
    /** Loopback allocations (systemd creates its directory). */
    public static final Path STATE = Path.of("/var/lib/kftray-helper/state.json");
    /** The service's name for systemctl. */
    public static final String SERVICE = "kftray-helper";

    /** @return whether this installs onto the running system */
    public boolean isSystem() {
        return root.toAbsolutePath().normalize().equals(root.getFileSystem().getPath("/"));
    }

    /**
     * @param path one of the real paths above
     * @return where it is written below the root
     */
    public Path staged(Path path) {
        return root.resolve(path.toString().substring(1));
    }
}
