package app.kftray.relay.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link RelayConfig} from environment variables. The first four carry the names
 * kftray's relay image uses, so a kftray relay manifest runs this relay unchanged.
 */
public final class EnvironmentConfig {

    /** Target host, IP or URL (only its host part is used). Required. */
    public static final String REMOTE_ADDRESS = "REMOTE_ADDRESS";
    /** Target port. Required. */
    public static final String REMOTE_PORT = "REMOTE_PORT";
    /** Port the relay listens on; default 8080. */
    public static final String LOCAL_PORT = "LOCAL_PORT";
    /** {@code tcp}, {@code udp} or {@code reverse}, any case; default tcp. */
    public static final String PROXY_TYPE = "PROXY_TYPE";
    /** Listen address; default 0.0.0.0. */
    public static final String BIND_ADDRESS = "RELAY_BIND_ADDRESS";
    /** Target TCP connect timeout; default 5s. */
    public static final String CONNECT_TIMEOUT = "RELAY_CONNECT_TIMEOUT";
    /** Idle timeout of proxied TCP connections; default 0 = never. */
    public static final String TCP_IDLE_TIMEOUT = "RELAY_TCP_IDLE_TIMEOUT";
    /** Idle timeout of UDP flows; default 120s, 0 = never. */
    public static final String UDP_IDLE_TIMEOUT = "RELAY_UDP_IDLE_TIMEOUT";
    /** Reply wait after a UDP client's end of stream; default 5s. */
    public static final String UDP_REPLY_WAIT = "RELAY_UDP_REPLY_WAIT";
    /** Largest datagram payload per frame; default and ceiling 65507. */
    public static final String MAX_FRAME_BYTES = "RELAY_MAX_FRAME_BYTES";
    /** Port of the HTTP health endpoint ({@code GET /healthz}); unset = no endpoint. */
    public static final String HEALTH_PORT = "RELAY_HEALTH_PORT";

    /** Address of the health endpoint; default: the listen address. */
    public static final String HEALTH_BIND_ADDRESS = "RELAY_HEALTH_BIND_ADDRESS";
    /** Streams open at once; default 512. */
    public static final String MAX_CONNECTIONS = "RELAY_MAX_CONNECTIONS";
    /** Reverse mode: port of the local side's streams; default 9999. */
    public static final String CONTROL_PORT = "RELAY_CONTROL_PORT";
    /** Reverse mode: address of that port; default 127.0.0.1. */
    public static final String CONTROL_BIND_ADDRESS = "RELAY_CONTROL_BIND_ADDRESS";
    /** Reverse mode: the local side's secret, required. */
    public static final String SECRET = "RELAY_SECRET";
    /** Reverse mode: how long a cluster client waits for the local side; default 10s. */
    public static final String ATTACH_TIMEOUT = "RELAY_ATTACH_TIMEOUT";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    private EnvironmentConfig(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the configuration it describes
     * @throws InvalidRelayConfigException naming every missing or unusable variable
     */
    public static RelayConfig read(Map<String, String> env) {
        return new EnvironmentConfig(env).read();
    }

    private RelayConfig read() {
        ProxyType type = value(PROXY_TYPE).map(this::proxyType).orElse(ProxyType.TCP);
        String host = value(REMOTE_ADDRESS).map(this::host).orElse(null);
        Integer remotePort = value(REMOTE_PORT).map(v -> integer(REMOTE_PORT, v)).orElse(null);
        if (type != ProxyType.REVERSE) {
            requirePresent(REMOTE_ADDRESS, "target host name or IP");
            requirePresent(REMOTE_PORT, "target port");
        }
        // Placeholders for a missing target keep the record's checks from repeating that problem.
        RelayConfig.Builder builder = RelayConfig.builder(type, host == null ? "unset" : host,
                remotePort == null ? 1 : remotePort);
        set(BIND_ADDRESS, Function.identity(), builder::bindAddress);
        set(LOCAL_PORT, v -> integer(LOCAL_PORT, v), builder::listenPort);
        set(CONNECT_TIMEOUT, v -> duration(CONNECT_TIMEOUT, v), builder::connectTimeout);
        set(TCP_IDLE_TIMEOUT, v -> duration(TCP_IDLE_TIMEOUT, v), builder::tcpIdleTimeout);
        set(UDP_IDLE_TIMEOUT, v -> duration(UDP_IDLE_TIMEOUT, v), builder::udpIdleTimeout);
        set(UDP_REPLY_WAIT, v -> duration(UDP_REPLY_WAIT, v), builder::udpReplyWait);
        set(MAX_FRAME_BYTES, v -> integer(MAX_FRAME_BYTES, v), builder::maxDatagramBytes);
        set(HEALTH_PORT, v -> integer(HEALTH_PORT, v), builder::healthPort);
        set(HEALTH_BIND_ADDRESS, Function.identity(), builder::healthBindAddress);
        set(MAX_CONNECTIONS, v -> integer(MAX_CONNECTIONS, v), builder::maxConnections);
        set(CONTROL_PORT, v -> integer(CONTROL_PORT, v), builder::controlPort);
        set(CONTROL_BIND_ADDRESS, Function.identity(), builder::controlBindAddress);
        builder.secret(env.get(SECRET));
        set(ATTACH_TIMEOUT, v -> duration(ATTACH_TIMEOUT, v), builder::attachTimeout);
        RelayConfig config = null;
        try {
            config = builder.build();
        } catch (InvalidRelayConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRelayConfigException(problems);
        }
        return config;
    }

    /** Applies a variable when it is set and parses; a parse failure is recorded instead. */
    private <T> void set(String name, Function<String, T> parser, Consumer<T> setter) {
        value(name).map(parser).ifPresent(setter);
    }

    private void requirePresent(String name, String meaning) {
        if (value(name).isEmpty()) {
            problems.add(name + " is required (" + meaning + ")");
        }
    }

    private Optional<String> value(String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    private ProxyType proxyType(String value) {
        Optional<ProxyType> type = ProxyType.parse(value);
        if (type.isEmpty()) {
            problems.add(PROXY_TYPE + " must be tcp, udp or reverse, was '" + value + "'"
                    + ("reverse_http".equalsIgnoreCase(value) ? " (reverse_http is not supported by this relay)" : ""));
        }
        return type.orElse(null);
    }

    private Integer integer(String name, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number, was '" + value + "'");
            return null;
        }
    }

    /** Accepts {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or bare seconds. */
    private Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problems.add(name + " must be a duration like 500ms, 5s, 2m, 1h or plain seconds, was '" + value + "'");
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    /** kftray accepts a URL as the target; like it, keep only the host part. */
    private String host(String address) {
        if (!address.contains("://")) {
            return stripBrackets(address);
        }
        try {
            String host = URI.create(address).getHost();
            if (host != null) {
                return stripBrackets(host);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(REMOTE_ADDRESS + " must be a host name, IP or URL with a host, was '" + address + "'");
        return null;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
