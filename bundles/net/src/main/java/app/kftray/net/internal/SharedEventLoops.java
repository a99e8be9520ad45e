package app.kftray.net.internal;

import app.kftray.api.NetworkRuntime;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the one event loop group of the process on activation and shuts it down on
 * deactivation, so restarting this bundle leaves no event loop threads behind.
 */
@Component(service = NetworkRuntime.class)
@Designate(ocd = SharedEventLoops.Config.class)
public final class SharedEventLoops implements NetworkRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEventLoops.class);

    /** Settings of the shared event loop group. */
    @ObjectClassDefinition(name = "kftray event loops")
    public @interface Config {
        /** @return event loop threads; 0 means one per core */
        @AttributeDefinition(description = "Event loop threads; 0 = one per core")
        int threads() default 0;
    }

    private final EventLoopGroup group;

    /** @param config component configuration */
    @Activate
    public SharedEventLoops(Config config) {
        this(config.threads());
    }

    SharedEventLoops(int threads) {
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(count, new DefaultThreadFactory("kftray-io", true),
                NioIoHandler.newFactory());
        LOG.debug("event loop group started: threads={}", count);
    }

    @Override
    public EventLoopGroup group() {
        return group;
    }

    /** Stops the loops; waits briefly so no thread outlives the bundle. */
    @Deactivate
    void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
