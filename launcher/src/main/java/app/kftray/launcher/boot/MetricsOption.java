package app.kftray.launcher.boot;

import app.kftray.api.RuntimeProperties;
import app.kftray.api.model.ListenEndpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * The runtime's {@code --metrics HOST:PORT} and {@code --allow-remote} options, checked before the
 * runtime starts and handed to the metrics bundle as framework properties.
 */
public final class MetricsOption {
    private MetricsOption() {
    }

    /**
     * @param address     the {@code --metrics} value, or {@code null}
     * @param allowRemote whether {@code --allow-remote} was given
     * @return the framework properties to set
     * @throws LauncherException with a one-line message for a malformed or non-loopback address
     */
    public static Map<String, String> properties(String address, boolean allowRemote) {
        Map<String, String> properties = new HashMap<>();
        if (allowRemote) {
            properties.put(RuntimeProperties.ALLOW_REMOTE, "true");
        }
        if (address == null) {
            return properties;
        }
        ListenEndpoint endpoint;
        try {
            endpoint = ListenEndpoint.parse(address);
            if (!endpoint.isLoopback() && !allowRemote) {
                throw new LauncherException("--metrics " + endpoint + " is not a loopback address, so other hosts "
                        + "could read the metrics; use 127.0.0.1:PORT, or add --allow-remote");
            }
        } catch (IllegalArgumentException e) {
            throw new LauncherException("--metrics: " + e.getMessage());
        }
        properties.put(RuntimeProperties.METRICS_ADDRESS, endpoint.toString());
        return properties;
    }
}
