package app.kftray.relay.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentConfigTest {

    @Test
    void kftrayVariablesAloneGiveAWorkingRelayWithDefaults() {
        RelayConfig config = EnvironmentConfig.read(Map.of(
                "REMOTE_ADDRESS", "10.0.0.10", "REMOTE_PORT", "53", "LOCAL_PORT", "5353", "PROXY_TYPE", "UDP"));
        assertEquals(ProxyType.UDP, config.proxyType());
        assertEquals("10.0.0.10", config.remoteHost());
        assertEquals(53, config.remotePort());
        assertEquals(5353, config.listenPort());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Duration.ofSeconds(5), config.connectTimeout());
        assertEquals(Duration.ofHours(1), config.tcpIdleTimeout());
        assertEquals(Duration.ofSeconds(120), config.udpIdleTimeout());
        assertEquals(Duration.ofSeconds(5), config.udpReplyWait());
        assertEquals(65_507, config.maxDatagramBytes());
        assertEquals(OptionalInt.empty(), config.healthPort());
    }

    @Test
    void proxyTypeDefaultsToTcpAndListenPortTo8080() {
        RelayConfig config = EnvironmentConfig.read(Map.of("REMOTE_ADDRESS", "db", "REMOTE_PORT", "5432"));
        assertEquals(ProxyType.TCP, config.proxyType());
        assertEquals(8080, config.listenPort());
    }

    @Test
    void relaySettingsAcceptDurationUnitsAndPlainSeconds() {
        RelayConfig config = EnvironmentConfig.read(Map.of("REMOTE_ADDRESS", "h", "REMOTE_PORT", "1",
                "RELAY_CONNECT_TIMEOUT", "250ms", "RELAY_TCP_IDLE_TIMEOUT", "2m", "RELAY_UDP_IDLE_TIMEOUT", "1h",
                "RELAY_UDP_REPLY_WAIT", "7", "RELAY_MAX_FRAME_BYTES", "1400", "RELAY_HEALTH_PORT", "8081",
                "RELAY_BIND_ADDRESS", "127.0.0.1"));
        assertEquals(Duration.ofMillis(250), config.connectTimeout());
        assertEquals(Duration.ofMinutes(2), config.tcpIdleTimeout());
        assertEquals(Duration.ofHours(1), config.udpIdleTimeout());
        assertEquals(Duration.ofSeconds(7), config.udpReplyWait());
        assertEquals(1400, config.maxDatagramBytes());
        assertEquals(OptionalInt.of(8081), config.healthPort());
        assertEquals("127.0.0.1", config.bindAddress());
    }

    @Test
    void urlTargetKeepsOnlyTheHostAsKftrayDoes() {
        assertEquals("api.example.internal", EnvironmentConfig.read(Map.of(
                "REMOTE_ADDRESS", "https://api.example.internal:8443/path", "REMOTE_PORT", "443")).remoteHost());
        assertEquals("fd00::1", EnvironmentConfig.read(Map.of(
                "REMOTE_ADDRESS", "[fd00::1]", "REMOTE_PORT", "443")).remoteHost());
    }

    @Test
    void everyProblemIsReportedAtOnceByVariableName() {
        InvalidRelayConfigException e = assertThrows(InvalidRelayConfigException.class, () -> EnvironmentConfig.read(Map.of(
                "PROXY_TYPE", "sctp", "REMOTE_PORT", "http", "LOCAL_PORT", "70000",
                "RELAY_UDP_IDLE_TIMEOUT", "soon", "RELAY_MAX_FRAME_BYTES", "70000", "RELAY_CONNECT_TIMEOUT", "0")));
        String all = String.join("\n", e.problems());
        assertEquals(7, e.problems().size(), all);
        assertTrue(all.contains("PROXY_TYPE must be tcp, udp or reverse, was 'sctp'"), all);
        assertTrue(all.contains("REMOTE_ADDRESS is required"), all);
        assertTrue(all.contains("REMOTE_PORT must be a whole number, was 'http'"), all);
        assertTrue(all.contains("LOCAL_PORT must be a port number 0..65535, was 70000"), all);
        assertTrue(all.contains("RELAY_UDP_IDLE_TIMEOUT must be a duration"), all);
        assertTrue(all.contains("RELAY_MAX_FRAME_BYTES must be 1..65507, was 70000"), all);
        assertTrue(all.contains("RELAY_CONNECT_TIMEOUT must be a positive duration"), all);
    }

    @Test
    void missingTargetIsNamedAndReverseHttpIsExplained() {
        InvalidRelayConfigException e = assertThrows(InvalidRelayConfigException.class,
                () -> EnvironmentConfig.read(Map.of("PROXY_TYPE", "reverse_http", "REMOTE_PORT", "0")));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("reverse_http is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("REMOTE_ADDRESS is required"), e.getMessage());
        assertTrue(e.getMessage().contains("REMOTE_PORT must be a port number 1..65535, was 0"), e.getMessage());
    }

    @Test
    void malformedUrlIsReported() {
        InvalidRelayConfigException e = assertThrows(InvalidRelayConfigException.class,
                () -> EnvironmentConfig.read(Map.of("REMOTE_ADDRESS", "http://bad host/", "REMOTE_PORT", "80")));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("REMOTE_ADDRESS must be a host name"), e.getMessage());
    }
}
