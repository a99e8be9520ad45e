package app.kftray.api;

import io.netty.channel.EventLoopGroup;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one shared Netty event loop group of the process: every listener, connection and
 * port-forward stream runs on it, so there is no thread per connection or per forward.
 */
@ProviderType
public interface NetworkRuntime {
    /** @return the shared group; owned by the provider, never shut down by users */
    EventLoopGroup group();
}
