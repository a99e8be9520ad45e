package app.kftray.engine.internal;

import app.kftray.api.SettingKeys;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices what leaves forwards dead while they look alive, and acts at once instead of waiting for
 * timeouts: a change of network interfaces or of the default route, and a resume from sleep or a
 * stalled process (a tick that comes seconds late by the monotonic clock, or a wall clock that jumped
 * against it). Either re-validates every running forward. After the configured minutes without any
 * network ({@link SettingKeys#DISCONNECT_TIMEOUT_MINUTES}) the running forwards are stopped; with
 * {@link SettingKeys#HEALTH_CHECK} on, forwards' own local ports are tried now and then. Runs on the
 * engine's timer, one {@link #tick()} per {@link #TICK}. While no forward is active there is nothing to
 * re-validate, stop or try, so a tick only reads the clocks: listing the interfaces is the costly part.
 */
final class NetworkMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkMonitor.class);
    static final Duration TICK = Duration.ofSeconds(1);
    /** A tick this much late means the process did not run (suspended, stopped, or starved). */
    static final Duration STALL = Duration.ofSeconds(3);
    /** Settings are read again after this many ticks. */
    private static final int SETTINGS_EVERY = 5;
    private static final int HEALTH_CHECK_EVERY = 30;

    /** What the monitor asks of the engine. */
    interface Actions {
        /** @param why what happened; every running forward is checked at once */
        void revalidate(String why);

        /** @param why the forwards are stopped for, shown as their last error */
        void stopAll(String why);

        /** Tries each running forward's own local port and restarts one that does not accept. */
        void healthCheck();

        /** @return whether any forward is starting, running or recovering: only then is there anything to do */
        boolean anyActive();
    }

    private final Actions actions;
    private final Function<String, Optional<String>> settings;
    private final Supplier<NetworkFingerprint> network;
    private final LongSupplier nanos;
    private final LongSupplier wallMillis;

    private NetworkFingerprint lastNetwork;
    private long lastNanos;
    private long lastWall;
    private long ticks;
    private long offlineSinceNanos = -1;
    private boolean enabled = true;
    private boolean healthCheck;
    private long disconnectTimeoutMinutes;

    /**
     * @param actions    what to do
     * @param settings   the application settings, by key
     * @param network    looks at the network now
     * @param nanos      the monotonic clock
     * @param wallMillis the wall clock
     */
    NetworkMonitor(Actions actions, Function<String, Optional<String>> settings, Supplier<NetworkFingerprint> network,
            LongSupplier nanos, LongSupplier wallMillis) {
        this.actions = actions;
        this.settings = settings;
        this.network = network;
        this.nanos = nanos;
        this.wallMillis = wallMillis;
        this.lastNanos = nanos.getAsLong();
        this.lastWall = wallMillis.getAsLong();
        readSettings();
    }

    /** One look; call every {@link #TICK}. */
    void tick() {
        long now = nanos.getAsLong();
        long wall = wallMillis.getAsLong();
        long lateMillis = Math.max((now - lastNanos) / 1_000_000 - TICK.toMillis(),
                Math.abs((wall - lastWall) - (now - lastNanos) / 1_000_000));
        lastNanos = now;
        lastWall = wall;
        if (!actions.anyActive()) {
            // the network is looked at afresh once a forward runs; a change while idle concerns none
            lastNetwork = null;
            offlineSinceNanos = -1;
            ticks = 0;
            return;
        }
        if (ticks++ % SETTINGS_EVERY == 0) {
            readSettings();
        }
        NetworkFingerprint current = network.get();
        boolean changed = lastNetwork != null && !current.equals(lastNetwork);
        boolean wasOnline = lastNetwork == null || lastNetwork.online();
        lastNetwork = current;
        trackOffline(current, now);
        if (!enabled) {
            return;
        }
        if (lateMillis >= STALL.toMillis()) {
            revalidate("resumed after " + Duration.ofMillis(lateMillis + TICK.toMillis()).toSeconds()
                    + " s without running (sleep, a stopped process or a clock jump)");
        } else if (changed && current.online()) {
            revalidate(wasOnline ? "the network changed" : "the network is back");
        } else if (healthCheck && ticks % HEALTH_CHECK_EVERY == 0) {
            actions.healthCheck();
        }
    }

    private void revalidate(String why) {
        LOG.info("{}: checking every running forward now", why);
        actions.revalidate(why);
        if (healthCheck) {
            actions.healthCheck();
        }
    }

    private void trackOffline(NetworkFingerprint current, long now) {
        if (current.online()) {
            offlineSinceNanos = -1;
            return;
        }
        if (offlineSinceNanos < 0) {
            offlineSinceNanos = now;
            LOG.info("no network: no interface but loopback is up with an address");
        }
        if (disconnectTimeoutMinutes > 0 && now - offlineSinceNanos >= Duration.ofMinutes(disconnectTimeoutMinutes)
                .toNanos()) {
            offlineSinceNanos = now; // once per timeout, not every tick
            actions.stopAll("stopped after " + disconnectTimeoutMinutes + " minute(s) without network ("
                    + SettingKeys.DISCONNECT_TIMEOUT_MINUTES + ")");
        }
    }

    private void readSettings() {
        try {
            enabled = !settings.apply(SettingKeys.NETWORK_MONITOR).map(String::trim).filter("false"::equalsIgnoreCase)
                    .isPresent();
            healthCheck = settings.apply(SettingKeys.HEALTH_CHECK).map(String::trim).filter("true"::equalsIgnoreCase)
                    .isPresent();
            disconnectTimeoutMinutes = settings.apply(SettingKeys.DISCONNECT_TIMEOUT_MINUTES)
                    .map(NetworkMonitor::minutes).orElse(0L);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the network monitor's settings: {}", e.getMessage());
        }
    }

    private static long minutes(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.debug("setting {} is not a number of minutes: '{}'; ignored", SettingKeys.DISCONNECT_TIMEOUT_MINUTES,
                    value);
            return 0;
        }
    }
}
