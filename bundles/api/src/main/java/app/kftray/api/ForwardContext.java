package app.kftray.api;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import io.netty.channel.EventLoopGroup;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What the engine gives a {@link ProtocolHandler} for one forward. */
@ProviderType
public interface ForwardContext {
    /** @return the definition being run */
    ForwardConfig config();

    /**
     * @return where new connections go now; the engine updates it when the pod changes
     * @throws KubeException if no ready target is known at the moment
     */
    ResolvedTarget currentTarget();

    /** @return opens streams to pods */
    PortForwardTransport transport();

    /** @return cluster access, for handlers that resolve names themselves (e.g. SOCKS5) */
    KubeAccess kube();

    /** @return the shared event loop group */
    EventLoopGroup group();

    /** @return counters and events of this forward */
    ForwardMonitor monitor();

    /** @return the HTTP logger when logging is enabled for this forward right now */
    Optional<HttpLogService> httpLog();

    /**
     * @return the privileged helper's client when one is installed, e.g. for listening on a port
     *         below 1024 without rights of one's own
     * @since 1.3
     */
    default Optional<HostsHelper> hostsHelper() {
        return Optional.empty();
    }
}
