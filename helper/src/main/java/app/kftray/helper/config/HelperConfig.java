package app.kftray.helper.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * The helper's settings, written when it is installed.
 *
 * @param socket      the Unix domain socket it listens on
 * @param allowedUids the users who may use it
 * @param hostsFile   the hosts file whose kftray block it keeps
 * @param stateFile   where loopback allocations are kept
 */
public record HelperConfig(Path socket, Set<Integer> allowedUids, Path hostsFile, Path stateFile) {
    /** Where the installed helper's configuration lives. */
    public static final Path DEFAULT_FILE = Path.of("/etc/kftray-helper/config.json");

    /** Defensive copy. */
    public HelperConfig {
        allowedUids = Set.copyOf(allowedUids);
    }
}
