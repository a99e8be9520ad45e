package app.kftray.engine.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the local port of each running TCP forward, as a client would, and restarts a forward
 * whose port no longer accepts connections (its listener is gone while the forward looks running).
 */
final class HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private HealthCheck() {
    }

    /**
     * @param sessions the engine's forwards
     * @param configs  their saved definitions, by id
     */
    static void run(Collection<ForwardSession> sessions, LongFunction<Optional<ForwardConfig>> configs) {
        for (ForwardSession session : sessions) {
            ForwardState state = session.snapshot();
            boolean serving = state.status() == ForwardStatus.RUNNING || state.status() == ForwardStatus.DEGRADED;
            if (!serving || state.boundAddress() == null
                    || !configs.apply(state.configId()).map(c -> "tcp".equals(c.protocol())).orElse(false)) {
                continue;
            }
            InetSocketAddress address = address(state.boundAddress());
            try (Socket socket = new Socket()) {
                socket.connect(address, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                LOG.warn("forward {}: its local port {} does not accept connections ({}); restarting it",
                        state.configId(), state.boundAddress(), e.getMessage());
                session.restart();
            }
        }
    }

    private static InetSocketAddress address(String bound) {
        int colon = bound.lastIndexOf(':');
        return new InetSocketAddress(bound.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(bound.substring(colon + 1)));
    }
}
