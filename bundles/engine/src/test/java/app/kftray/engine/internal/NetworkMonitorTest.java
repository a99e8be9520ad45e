package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.SettingKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkMonitorTest {
    private static final NetworkFingerprint WIFI = new NetworkFingerprint(List.of("wlan0=192.168.1.20"),
            "wlan0 0101A8C0;");
    private static final NetworkFingerprint VPN = new NetworkFingerprint(List.of("tun0=10.8.0.2",
            "wlan0=192.168.1.20"), "tun0 00000000;");
    private static final NetworkFingerprint NONE = new NetworkFingerprint(List.of(), "");

    private final List<String> actions = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>();
    private NetworkFingerprint network = WIFI;
    private boolean active = true;
    private int looks;
    private long nanos = 1_000_000_000L;
    private long wall = 1_700_000_000_000L;

    private NetworkMonitor monitor() {
        return new NetworkMonitor(new NetworkMonitor.Actions() {
            @Override
            public void revalidate(String why) {
                actions.add("revalidate: " + why);
            }

            @Override
            public void stopAll(String why) {
                actions.add("stop: " + why);
            }

            @Override
            public void healthCheck() {
                actions.add("health check");
            }

            @Override
            public boolean anyActive() {
                return active;
            }
        }, key -> Optional.ofNullable(settings.get(key)), () -> {
            looks++;
            return network;
        }, () -> nanos, () -> wall);
    }

    private void advance(long millis) {
        nanos += millis * 1_000_000L;
        wall += millis;
    }

    @Test
    void quietTicksDoNothing() {
        NetworkMonitor monitor = monitor();
        for (int i = 0; i < 10; i++) {
            advance(1000);
            monitor.tick();
        }
        assertEquals(List.of(), actions);
    }

    @Test
    void whileNoForwardIsActiveTheNetworkIsNotLookedAt() {
        active = false;
        NetworkMonitor monitor = monitor();
        for (int i = 0; i < 10; i++) {
            advance(1000);
            network = i % 2 == 0 ? VPN : NONE;
            monitor.tick();
        }
        advance(61_000);
        monitor.tick();
        assertEquals(0, looks, "no interface listing while idle");
        assertEquals(List.of(), actions, "nothing to re-validate or stop");
    }

    @Test
    void aForwardStartedAfterANetworkChangeWhileIdleIsNotRevalidatedForIt() {
        NetworkMonitor monitor = monitor();
        advance(1000);
        monitor.tick();
        active = false;
        advance(1000);
        monitor.tick();
        network = VPN; // changed while nothing ran: the forward started next already uses it
        active = true;
        for (int i = 0; i < 3; i++) {
            advance(1000);
            monitor.tick();
        }
        assertEquals(List.of(), actions);
        network = WIFI; // a change while it runs is acted on
        advance(1000);
        monitor.tick();
        assertEquals(List.of("revalidate: the network changed"), actions);
        assertEquals(5, looks, "a look per tick while a forward is active only");
    }

    @Test
    void aStalledProcessRevalidatesOnce() {
        NetworkMonitor monitor = monitor();
        advance(1000);
        monitor.tick();
        advance(61_000); // SIGSTOP for a minute: the next tick is 60 s late
        monitor.tick();
        advance(1000);
        monitor.tick();
        assertEquals(1, actions.size(), actions.toString());
        assertTrue(actions.get(0).startsWith("revalidate: resumed after 61 s"), actions.toString());
    }

    @Test
    void aWallClockJumpAgainstTheMonotonicClockIsASleep() {
        NetworkMonitor monitor = monitor();
        advance(1000);
        monitor.tick();
        nanos += 1_000_000_000L; // suspended: the monotonic clock stood still, the wall clock went on
        wall += 3_600_000L;
        monitor.tick();
        assertEquals(1, actions.size(), actions.toString());
        assertTrue(actions.get(0).startsWith("revalidate: resumed"), actions.toString());
    }

    @Test
    void aNewInterfaceOrRouteRevalidatesAndLosingTheNetworkWaitsForItsReturn() {
        NetworkMonitor monitor = monitor();
        advance(1000);
        monitor.tick();
        network = VPN;
        advance(1000);
        monitor.tick();
        network = NONE;
        advance(1000);
        monitor.tick();
        network = WIFI;
        advance(1000);
        monitor.tick();
        assertEquals(List.of("revalidate: the network changed", "revalidate: the network is back"), actions);
    }

    @Test
    void forwardsStopAfterTheConfiguredMinutesWithoutNetworkOnce() {
        settings.put(SettingKeys.DISCONNECT_TIMEOUT_MINUTES, "2");
        NetworkMonitor monitor = monitor();
        network = NONE;
        for (int i = 0; i < 119; i++) {
            advance(1000);
            monitor.tick();
        }
        assertEquals(List.of(), actions, "not before two minutes");
        for (int i = 0; i < 5; i++) {
            advance(1000);
            monitor.tick();
        }
        assertEquals(List.of("stop: stopped after 2 minute(s) without network (disconnect_timeout_minutes)"),
                actions);
    }

    @Test
    void switchedOffItDoesNothingAndABadTimeoutIsIgnored() {
        settings.put(SettingKeys.NETWORK_MONITOR, "false");
        settings.put(SettingKeys.DISCONNECT_TIMEOUT_MINUTES, "soon");
        NetworkMonitor monitor = monitor();
        advance(90_000);
        monitor.tick();
        network = NONE;
        for (int i = 0; i < 200; i++) {
            advance(1000);
            monitor.tick();
        }
        assertEquals(List.of(), actions);
    }

    @Test
    void theHealthCheckRunsWhenSwitchedOnAndAfterARevalidation() {
        settings.put(SettingKeys.HEALTH_CHECK, "true");
        NetworkMonitor monitor = monitor();
        for (int i = 0; i < 30; i++) {
            advance(1000);
            monitor.tick();
        }
        assertEquals(List.of("health check"), actions);
        advance(10_000);
        monitor.tick();
        assertEquals(List.of("health check", "revalidate: resumed after 10 s without running (sleep, a stopped "
                + "process or a clock jump)", "health check"), actions);
    }
}
