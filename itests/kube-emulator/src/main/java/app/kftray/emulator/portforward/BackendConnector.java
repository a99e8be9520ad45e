package app.kftray.emulator.portforward;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.traffic.ChannelTrafficShapingHandler;
import java.net.InetSocketAddress;

/**
 * Opens the connection from a forwarded stream to a pod's local backend, on the stream's own event loop,
 * half-closable, not reading until the stream is ready for data, with the current link faults in front.
 */
public final class BackendConnector {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final ForwardFaults faults;

    public BackendConnector(ForwardFaults faults) {
        this.faults = faults;
    }

    ChannelFuture connect(EventLoop loop, InetSocketAddress backend, ChannelHandler handler) {
        long latencyNanos = faults.latency().toNanos();
        long bandwidth = faults.bytesPerSecond();
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (bandwidth > 0) {
                            ch.pipeline().addLast(new ChannelTrafficShapingHandler(bandwidth, bandwidth, 100));
                        }
                        if (latencyNanos > 0) {
                            ch.pipeline().addLast(new LatencyHandler(latencyNanos));
                        }
                        // the data frames of one tunnel read reach the pod in one write
                        ch.pipeline().addLast(new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect(backend);
    }

    /** The dial error as the kubelet words it inside its forward error. */
    static String describeFailure(int port, Throwable cause) {
        String reason = cause == null ? "unknown error" : cause.getMessage();
        if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
            reason = "connect: connection refused";
        }
        return "failed to connect to localhost:" + port + " inside namespace, IPv4: dial tcp4 127.0.0.1:" + port
                + ": " + reason;
    }
}
