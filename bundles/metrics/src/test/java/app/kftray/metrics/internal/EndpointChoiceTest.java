package app.kftray.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.RuntimeProperties;
import app.kftray.api.SettingKeys;
import app.kftray.api.model.ListenEndpoint;
import app.kftray.testing.InMemoryConfigStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointChoiceTest {
    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final Map<String, String> properties = new HashMap<>();

    @Test
    void nothingAskedForServesNothing() {
        assertEquals(Optional.empty(), choose());
        configs.putSetting(SettingKeys.METRICS_ADDRESS, " ");
        assertEquals(Optional.empty(), choose());
    }

    @Test
    void theCommandLineWinsOverTheSetting() {
        configs.putSetting(SettingKeys.METRICS_ADDRESS, "127.0.0.1:9000");
        assertEquals(new ListenEndpoint("127.0.0.1", 9000), choose().orElseThrow());
        properties.put(RuntimeProperties.METRICS_ADDRESS, "[::1]:9464");
        assertEquals(new ListenEndpoint("::1", 9464), choose().orElseThrow());
    }

    @Test
    void anAddressOtherHostsReachNeedsAllowRemote() {
        configs.putSetting(SettingKeys.METRICS_ADDRESS, "0.0.0.0:9464");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, this::choose);
        assertEquals("0.0.0.0:9464 is not a loopback address, so other hosts could read the metrics; use 127.0.0.1, "
                + "or start kftray with --allow-remote", refused.getMessage());
        properties.put(RuntimeProperties.ALLOW_REMOTE, "true");
        assertEquals(new ListenEndpoint("0.0.0.0", 9464), choose().orElseThrow());
    }

    @Test
    void malformedAddressesSayWhatIsWrong() {
        for (String[] bad : new String[][] {
            {"9464", "'9464' is not host:port"}, {"localhost:", "'localhost:' is not host:port"},
            {"127.0.0.1:http", "the port is not a number"}, {"127.0.0.1:70000", "between 0 and 65535"},
            {"::1:9464", "write an IPv6 host in brackets"}}) {
            configs.putSetting(SettingKeys.METRICS_ADDRESS, bad[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::choose, bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    private Optional<ListenEndpoint> choose() {
        return EndpointChoice.choose(properties::get, configs);
    }
}
