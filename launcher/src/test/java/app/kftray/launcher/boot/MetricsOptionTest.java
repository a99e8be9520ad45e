package app.kftray.launcher.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.kftray.api.RuntimeProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsOptionTest {
    @Test
    void aLoopbackAddressBecomesTheBundlesProperty() {
        assertEquals(Map.of(RuntimeProperties.METRICS_ADDRESS, "127.0.0.1:9464"),
                MetricsOption.properties(" 127.0.0.1:9464 ", false));
        assertEquals(Map.of(RuntimeProperties.METRICS_ADDRESS, "localhost:0"),
                MetricsOption.properties("localhost:0", false));
        assertEquals(Map.of(), MetricsOption.properties(null, false));
    }

    @Test
    void anyOtherAddressNeedsAllowRemote() {
        LauncherException refused = assertThrows(LauncherException.class,
                () -> MetricsOption.properties("0.0.0.0:9464", false));
        assertEquals("--metrics 0.0.0.0:9464 is not a loopback address, so other hosts could read the metrics; "
                + "use 127.0.0.1:PORT, or add --allow-remote", refused.getMessage());
        assertEquals(Map.of(RuntimeProperties.METRICS_ADDRESS, "0.0.0.0:9464", RuntimeProperties.ALLOW_REMOTE, "true"),
                MetricsOption.properties("0.0.0.0:9464", true));
    }

    @Test
    void malformedAddressesAreOneLineErrors() {
        assertEquals("--metrics: '127.0.0.1' is not host:port (for example 127.0.0.1:9464)",
                assertThrows(LauncherException.class, () -> MetricsOption.properties("127.0.0.1", false)).getMessage());
        assertEquals("--metrics: 'no-such-host.invalid' is not a known host; use an IP address such as 127.0.0.1",
                assertThrows(LauncherException.class,
                        () -> MetricsOption.properties("no-such-host.invalid:9464", false)).getMessage());
    }
}
