package app.kftray.bench;

import app.kftray.api.ForwardContext;
import app.kftray.api.ForwardMonitor;
import app.kftray.api.HttpLogService;
import app.kftray.api.KubeAccess;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One forward on kftray's {@link DataPath}. The engine and storage only decide when a forward
 * runs; they are not on the path of a byte, so the target is resolved once and handed to the
 * handler directly.
 */
final class OursForward implements AutoCloseable {
    private final DataPath path;
    private final RunningForward running;
    private final Counters counters = new Counters();

    /**
     * @param path   the shared data path
     * @param config a tcp forward of a service or pod, local port 0 for any free one
     */
    OursForward(DataPath path, ForwardConfig config) {
        this(path, config, path.tcp());
    }

    /**
     * @param path    the shared data path
     * @param config  a forward for {@code handler}, local port 0 for any free one
     * @param handler the protocol handler that runs it
     */
    OursForward(DataPath path, ForwardConfig config, ProtocolHandler handler) {
        // a namespace forward (socks5) resolves the destination of each connection itself
        this(path, config, handler,
                config.workloadType() == WorkloadType.NAMESPACE ? null : path.kube().resolve(config));
    }

    /**
     * @param path    the shared data path
     * @param config  a forward for {@code handler}, local port 0 for any free one
     * @param handler the protocol handler that runs it
     * @param target  the pod it forwards to, e.g. a relay pod deployed for it
     */
    OursForward(DataPath path, ForwardConfig config, ProtocolHandler handler, ResolvedTarget target) {
        this.path = path;
        running = handler.start(new Context(config, target));
    }

    /** @return where the forward listens */
    InetSocketAddress address() {
        return running.boundAddress();
    }

    @Override
    public void close() throws Exception {
        running.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Counts like the engine's monitor does (adders on the hot path), and reports nothing. */
    private static final class Counters implements ForwardMonitor {
        final LongAdder connections = new LongAdder();
        final LongAdder bytes = new LongAdder();

        @Override
        public void connectionOpened(String peer) {
            connections.increment();
        }

        @Override
        public void connectionClosed(String peer) {
            // only opened connections are of interest here
        }

        @Override
        public void bytesIn(long count) {
            bytes.add(count);
        }

        @Override
        public void bytesOut(long count) {
            bytes.add(count);
        }

        @Override
        public void connectionError(String message) {
            System.err.println("connection error: " + message);
        }

        @Override
        public void targetFailed(Throwable error) {
            System.err.println("target failed: " + error);
        }
    }

    private final class Context implements ForwardContext {
        private final ForwardConfig config;
        private final ResolvedTarget target;

        Context(ForwardConfig config, ResolvedTarget target) {
            this.config = config;
            this.target = target;
        }

        @Override
        public ForwardConfig config() {
            return config;
        }

        @Override
        public ResolvedTarget currentTarget() {
            return target;
        }

        @Override
        public PortForwardTransport transport() {
            return path.transport();
        }

        @Override
        public KubeAccess kube() {
            return path.kube();
        }

        @Override
        public EventLoopGroup group() {
            return path.group();
        }

        @Override
        public ForwardMonitor monitor() {
            return counters;
        }

        @Override
        public Optional<HttpLogService> httpLog() {
            return Optional.empty();
        }
    }
}
