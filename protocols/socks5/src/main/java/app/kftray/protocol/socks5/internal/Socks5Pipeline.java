package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardMonitor;
import app.kftray.net.ConnectionAccounting;
import app.kftray.net.ConnectionMonitor;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;

/** The handlers of a freshly accepted SOCKS5 client connection. */
final class Socks5Pipeline {
    private Socks5Pipeline() {
    }

    /**
     * @param pipeline  the new connection's pipeline
     * @param policy    credentials and handshake timeout
     * @param connector opens pod streams for CONNECT requests
     * @param monitor   the forward's counters and errors
     */
    static void install(ChannelPipeline pipeline, Socks5Policy policy, PodConnector connector, ForwardMonitor monitor) {
        pipeline.addLast(new ConnectionAccounting(monitor))
                .addLast(Socks5Handshake.TIMEOUT,
                        new ReadTimeoutHandler(policy.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(Socks5Handshake.ENCODER, Socks5ServerEncoder.DEFAULT)
                .addLast(Socks5Handshake.DECODER, new Socks5InitialRequestDecoder())
                .addLast(new Socks5Handshake(policy, connector,
                        new ConnectionMonitor(monitor, "socks5 connection from " + pipeline.channel().remoteAddress())));
    }
}
