package app.kftray.relay.server;

import app.kftray.relay.protocol.DatagramFraming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Settings of one relay. Problems are reported by the name of the environment variable that
 * sets them (see {@link EnvironmentConfig}), the relay's user-facing vocabulary.
 *
 * @param proxyType        what the relay carries
 * @param bindAddress      address to listen on ({@code RELAY_BIND_ADDRESS})
 * @param listenPort       port to listen on, 0 for any free port ({@code LOCAL_PORT})
 * @param remoteHost       target host name or IP ({@code REMOTE_ADDRESS})
 * @param remotePort       target port ({@code REMOTE_PORT})
 * @param connectTimeout   how long a TCP connect to the target may take
 * @param tcpIdleTimeout   TCP connections with no traffic either way this long are closed; zero = never
 * @param udpIdleTimeout   UDP flows with no frame and no reply this long are closed; zero = never
 * @param udpReplyWait     after a UDP client ends its side of the stream, how long the relay still
 *                         waits for further replies before closing
 * @param maxDatagramBytes largest datagram carried in a frame
 * @param healthPort       port of the HTTP health endpoint (0 = any free port); empty = no endpoint
 * @param healthBindAddress address of the health endpoint ({@code RELAY_HEALTH_BIND_ADDRESS}); the kubelet's
 *                         probe reaches the pod's IP, so a deployed relay sets {@code 0.0.0.0}
 * @param maxConnections   streams open at once, above which new ones are closed at once ({@code RELAY_MAX_CONNECTIONS})
 * @param controlPort      reverse mode: port of the control and data streams from the local side
 *                         ({@code RELAY_CONTROL_PORT}, 0 for any free port)
 * @param controlBindAddress reverse mode: address of that port ({@code RELAY_CONTROL_BIND_ADDRESS}); loopback,
 *                         which a port-forward reaches and nothing else in the cluster does
 * @param secret           reverse mode: the secret the local side presents on every stream ({@code RELAY_SECRET})
 * @param attachTimeout    reverse mode: how long a cluster client waits for the local side to take it
 */
public record RelayConfig(
        ProxyType proxyType,
        String bindAddress,
        int listenPort,
        String remoteHost,
        int remotePort,
        Duration connectTimeout,
        Duration tcpIdleTimeout,
        Duration udpIdleTimeout,
        Duration udpReplyWait,
        int maxDatagramBytes,
        OptionalInt healthPort,
        String healthBindAddress,
        int maxConnections,
        int controlPort,
        String controlBindAddress,
        String secret,
        Duration attachTimeout) {

    /**
     * Listen address when none is given: the pod's loopback, which a port-forward reaches and nothing
     * else in the cluster does. A reverse relay's cluster listener is set to {@code 0.0.0.0} explicitly.
     */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** Streams open at once when no limit is given. */
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    /** Idle timeout of proxied TCP connections when none is given. */
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofHours(1);
    /** Reverse mode: control port when none is given. */
    public static final int DEFAULT_CONTROL_PORT = 9999;
    /** Reverse mode: how long a cluster client waits for the local side when nothing else is given. */
    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(10);
    /** Shortest secret the reverse mode accepts. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** Listen port when none is given, as in kftray's relay image. */
    public static final int DEFAULT_LISTEN_PORT = 8080;
    /** Target connect timeout when none is given, as in kftray's relay. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** UDP flow idle timeout when none is given. */
    public static final Duration DEFAULT_UDP_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** Reply wait after a UDP client's end of stream, as kftray's relay waits for a reply. */
    public static final Duration DEFAULT_UDP_REPLY_WAIT = Duration.ofSeconds(5);

    /** Checks every field and reports all problems at once. */
    public RelayConfig {
        Objects.requireNonNull(proxyType, "proxyType");
        Objects.requireNonNull(healthPort, "healthPort");
        List<String> problems = new ArrayList<>();
        if (bindAddress == null || bindAddress.isBlank()) {
            problems.add("RELAY_BIND_ADDRESS must not be empty");
        }
        checkPort(problems, EnvironmentConfig.LOCAL_PORT, listenPort, 0);
        if (proxyType == ProxyType.REVERSE) {
            checkReverse(problems, controlPort, controlBindAddress, secret, attachTimeout);
        } else {
            if (remoteHost == null || remoteHost.isBlank()) {
                problems.add(EnvironmentConfig.REMOTE_ADDRESS + " is required (target host name or IP)");
            }
            checkPort(problems, EnvironmentConfig.REMOTE_PORT, remotePort, 1);
        }
        if (maxConnections < 1) {
            problems.add(EnvironmentConfig.MAX_CONNECTIONS + " must be at least 1, was " + maxConnections);
        }
        if (healthBindAddress == null || healthBindAddress.isBlank()) {
            problems.add(EnvironmentConfig.HEALTH_BIND_ADDRESS + " must not be empty");
        }
        checkDuration(problems, EnvironmentConfig.CONNECT_TIMEOUT, connectTimeout, false);
        checkDuration(problems, EnvironmentConfig.TCP_IDLE_TIMEOUT, tcpIdleTimeout, true);
        checkDuration(problems, EnvironmentConfig.UDP_IDLE_TIMEOUT, udpIdleTimeout, true);
        checkDuration(problems, EnvironmentConfig.UDP_REPLY_WAIT, udpReplyWait, true);
        if (maxDatagramBytes < 1 || maxDatagramBytes > DatagramFraming.MAX_DATAGRAM_BYTES) {
            problems.add(EnvironmentConfig.MAX_FRAME_BYTES + " must be 1.." + DatagramFraming.MAX_DATAGRAM_BYTES
                    + ", was " + maxDatagramBytes);
        }
        if (healthPort.isPresent()) {
            checkPort(problems, EnvironmentConfig.HEALTH_PORT, healthPort.getAsInt(), 0);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRelayConfigException(problems);
        }
    }

    /**
     * Starts a configuration with the defaults for everything but the target.
     *
     * @param proxyType  what the relay carries
     * @param remoteHost target host name or IP
     * @param remotePort target port
     * @return a builder
     */
    public static Builder builder(ProxyType proxyType, String remoteHost, int remotePort) {
        return new Builder(proxyType, remoteHost, remotePort);
    }

    /** @return the target as {@code host:port}, for logs */
    public String remote() {
        return remoteHost + ":" + remotePort;
    }

    private static void checkReverse(List<String> problems, int controlPort, String controlBindAddress, String secret,
                                     Duration attachTimeout) {
        checkPort(problems, EnvironmentConfig.CONTROL_PORT, controlPort, 0);
        if (controlBindAddress == null || controlBindAddress.isBlank()) {
            problems.add(EnvironmentConfig.CONTROL_BIND_ADDRESS + " must not be empty");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH || !secret.matches("[A-Za-z0-9._:-]+")) {
            problems.add(EnvironmentConfig.SECRET + " is required in reverse mode: at least " + MIN_SECRET_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : -");
        }
        checkDuration(problems, EnvironmentConfig.ATTACH_TIMEOUT, attachTimeout, false);
    }

    /** @return the control listener's address as {@code host:port}, for logs */
    public String control() {
        return controlBindAddress + ":" + controlPort;
    }

    private static void checkPort(List<String> problems, String name, int port, int lowest) {
        if (port < lowest || port > 65_535) {
            problems.add(name + " must be a port number " + lowest + "..65535, was " + port);
        }
    }

    private static void checkDuration(List<String> problems, String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            problems.add(name + " must be a " + (zeroAllowed ? "non-negative" : "positive")
                    + " duration, was " + value);
        }
    }

    /** Mutable companion of {@link RelayConfig}; defaults as documented on its constants. */
    public static final class Builder {
        private final ProxyType proxyType;
        private final String remoteHost;
        private final int remotePort;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int listenPort = DEFAULT_LISTEN_PORT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration tcpIdleTimeout = DEFAULT_TCP_IDLE_TIMEOUT;
        private Duration udpIdleTimeout = DEFAULT_UDP_IDLE_TIMEOUT;
        private Duration udpReplyWait = DEFAULT_UDP_REPLY_WAIT;
        private int maxDatagramBytes = DatagramFraming.MAX_DATAGRAM_BYTES;
        private OptionalInt healthPort = OptionalInt.empty();
        private String healthBindAddress;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int controlPort = DEFAULT_CONTROL_PORT;
        private String controlBindAddress = DEFAULT_BIND_ADDRESS;
        private String secret;
        private Duration attachTimeout = DEFAULT_ATTACH_TIMEOUT;

        private Builder(ProxyType proxyType, String remoteHost, int remotePort) {
            this.proxyType = proxyType;
            this.remoteHost = remoteHost;
            this.remotePort = remotePort;
        }

        /** @param value address to listen on @return this */
        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        /** @param value port to listen on, 0 for any free port @return this */
        public Builder listenPort(int value) {
            listenPort = value;
            return this;
        }

        /** @param value TCP connect timeout to the target @return this */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** @param value idle time after which a TCP connection is closed, zero = never @return this */
        public Builder tcpIdleTimeout(Duration value) {
            tcpIdleTimeout = value;
            return this;
        }

        /** @param value idle time after which a UDP flow is closed, zero = never @return this */
        public Builder udpIdleTimeout(Duration value) {
            udpIdleTimeout = value;
            return this;
        }

        /** @param value reply wait after a UDP client's end of stream @return this */
        public Builder udpReplyWait(Duration value) {
            udpReplyWait = value;
            return this;
        }

        /** @param value largest datagram carried in a frame @return this */
        public Builder maxDatagramBytes(int value) {
            maxDatagramBytes = value;
            return this;
        }

        /** @param value health endpoint port, 0 for any free port @return this */
        public Builder healthPort(int value) {
            healthPort = OptionalInt.of(value);
            return this;
        }

        /** @param value address of the health endpoint; default: the listen address @return this */
        public Builder healthBindAddress(String value) {
            healthBindAddress = value;
            return this;
        }

        /** @param value streams open at once @return this */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** @param value reverse mode: control port, 0 for any free port @return this */
        public Builder controlPort(int value) {
            controlPort = value;
            return this;
        }

        /** @param value reverse mode: address of the control port @return this */
        public Builder controlBindAddress(String value) {
            controlBindAddress = value;
            return this;
        }

        /** @param value reverse mode: the secret of the local side @return this */
        public Builder secret(String value) {
            secret = value;
            return this;
        }

        /** @param value reverse mode: how long a cluster client waits for the local side @return this */
        public Builder attachTimeout(Duration value) {
            attachTimeout = value;
            return this;
        }

        /** @return this, without a health endpoint */
        public Builder noHealthPort() {
            healthPort = OptionalInt.empty();
            return this;
        }

        /**
         * @return the checked configuration
         * @throws InvalidRelayConfigException listing every unusable setting
         */
        public RelayConfig build() {
            return new RelayConfig(proxyType, bindAddress, listenPort, remoteHost, remotePort, connectTimeout,
                    tcpIdleTimeout, udpIdleTimeout, udpReplyWait, maxDatagramBytes, healthPort,
                    healthBindAddress == null ? bindAddress : healthBindAddress, maxConnections, controlPort,
                    controlBindAddress, secret, attachTimeout);
        }
    }
}
