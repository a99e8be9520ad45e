package app.kftray.metrics.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.RuntimeProperties;
import app.kftray.api.SettingKeys;
import app.kftray.api.model.ListenEndpoint;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the endpoint listens: the runtime's {@code --metrics} address, else the
 * {@value SettingKeys#METRICS_ADDRESS} setting, else nowhere. An address other hosts can reach
 * needs {@code --allow-remote}.
 */
final class EndpointChoice {
    private EndpointChoice() {
    }

    /**
     * @param properties the runtime's framework properties
     * @param configs    the settings
     * @return the address to listen on, or empty when metrics are not asked for
     * @throws IllegalArgumentException with a message for a person when the address is malformed
     *                                  or not allowed
     */
    static Optional<ListenEndpoint> choose(UnaryOperator<String> properties, ConfigStore configs) {
        String fromCommandLine = properties.apply(RuntimeProperties.METRICS_ADDRESS);
        String text = fromCommandLine != null && !fromCommandLine.isBlank() ? fromCommandLine
                : configs.setting(SettingKeys.METRICS_ADDRESS).orElse("");
        if (text.isBlank()) {
            return Optional.empty();
        }
        ListenEndpoint endpoint = ListenEndpoint.parse(text);
        if (!endpoint.isLoopback() && !Boolean.parseBoolean(properties.apply(RuntimeProperties.ALLOW_REMOTE))) {
            throw new IllegalArgumentException(endpoint + " is not a loopback address, so other hosts could read the "
                    + "metrics; use 127.0.0.1, or start kftray with --allow-remote");
        }
        return Optional.of(endpoint);
    }
}
