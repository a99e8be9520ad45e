package app.kftray.engine.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;

/** One line about a forward, as the shell prints it. */
final class StatusLine {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private StatusLine() {
    }

    /**
     * @param config the definition
     * @param state  its runtime state
     * @return {@code id alias STATUS local -> pod:port conns active/total in … out … [error]}
     */
    static String of(ForwardConfig config, ForwardState state) {
        ForwardCounters c = state.counters();
        String local = state.boundAddress() != null ? state.boundAddress()
                : config.effectiveLocalAddress() + ":" + config.localPort();
        String pod = state.pod() != null ? state.pod() : "-";
        String line = String.format("%-4d %-20s %-12s %s -> %s:%s  conns %d/%d  in %s  out %s",
                config.id(), config.displayName(), state.status(), local, pod, config.remotePort(),
                c.activeConnections(), c.totalConnections(), bytes(c.bytesIn()), bytes(c.bytesOut()));
        return state.lastError() == null ? line : line + "  error: " + state.lastError();
    }

    static String bytes(long count) {
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? count + " B" : String.format("%.1f %s", value, UNITS[unit]);
    }
}
