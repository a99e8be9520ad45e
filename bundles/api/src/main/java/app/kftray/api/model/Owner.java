package app.kftray.api.model;

import java.util.Objects;

/**
 * The process that runs a forward: several kftray processes (tray app, terminal UI,
 * headless server, CLI) share one database, and each state row names its owner.
 *
 * @param pid  operating-system process id
 * @param host host name the process runs on
 */
public record Owner(long pid, String host) {
    public Owner {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
        return pid + "@" + host;
    }
}
