package app.kftray.launcher.cli;

import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.LauncherException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * Whether a forward listens beyond this machine: a bind address other than loopback makes the
 * cluster reachable for anyone on the network, so saving one takes {@code --allow-remote}, and
 * {@code list} and {@code status} say so.
 */
final class ListenerExposure {
    static final String FLAG = "--allow-remote";

    private ListenerExposure() {
    }

    /**
     * Refuses a definition that starts to listen beyond loopback without the confirmation.
     *
     * @param before  the saved definition, or {@code null} for a new one
     * @param after   the definition about to be saved
     * @param allowed whether the user gave {@value #FLAG}
     */
    static void confirm(ForwardConfig before, ForwardConfig after, boolean allowed) {
        boolean already = before != null && before.listensBeyondLoopback()
                && before.effectiveLocalAddress().equals(after.effectiveLocalAddress());
        if (after.listensBeyondLoopback() && !allowed && !already) {
            throw new LauncherException(exposure(after) + "; add " + FLAG + " to confirm, or use 127.0.0.1");
        }
    }

    /** @return the warning for a forward listening beyond loopback, if it does */
    static Optional<String> warning(ForwardConfig config) {
        if (!config.listensBeyondLoopback()) {
            return Optional.empty();
        }
        String socks = "socks5".equals(config.protocol())
                ? " (a socks5 forward starts there only with a user name and password set)" : "";
        return Optional.of(exposure(config) + socks);
    }

    /** Prints one warning line per forward listening beyond loopback. */
    static void warn(PrintWriter err, List<ForwardConfig> configs) {
        configs.forEach(config -> warning(config).ifPresent(w -> err.println("kftray: warning: " + w)));
    }

    private static String exposure(ForwardConfig config) {
        return "forward '" + config.displayName() + "' listens on " + config.effectiveLocalAddress()
                + ", reachable from other machines";
    }
}
