package app.kftray.forward.expose.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.net.ConnectionAccounting;
import app.kftray.net.ConnectionMonitor;
import app.kftray.net.OnEventLoop;
import app.kftray.net.StreamSplice;
import app.kftray.relay.protocol.ReverseMessage;
import app.kftray.relay.protocol.ReverseMessage.Verb;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One connection from the cluster, carried to this machine: connects to the local port, opens a stream of its
 * own to the relay's control port, presents the secret with the connection's id ({@code ATTACH}) and splices the
 * two with backpressure. Nothing listening locally, or a stream that cannot be opened, ends the cluster client's
 * connection cleanly ({@code REFUSED}) and is reported as a connection error; the forward keeps running.
 */
final class ExposedConnection {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private ExposedConnection() {
    }

    /**
     * @param context the forward
     * @param target  the relay pod and its control port
     * @param secret  the relay's secret
     * @param id      the connection's id, from the relay's OPEN line
     * @param local   where it is carried to
     * @param refuse  tells the relay the connection cannot be carried
     */
    static void start(ForwardContext context, ResolvedTarget target, String secret, String id,
                      InetSocketAddress local, Consumer<String> refuse) {
        String name = context.config().displayName();
        ConnectionMonitor monitor = new ConnectionMonitor(context.monitor(), "cluster connection " + id);
        Bootstrap bootstrap = new Bootstrap().group(context.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ConnectionAccounting(context.monitor()),
                                new StreamSplice(ch, monitor));
                    }
                });
        ChannelFuture connect = bootstrap.connect(local);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                refuse.accept(id);
                context.monitor().connectionError("forward '" + name + "': a connection from the cluster was closed"
                        + " because nothing accepts connections on " + local.getHostString() + ":" + local.getPort()
                        + " (" + done.cause().getMessage() + ")");
                return;
            }
            attach(context, target, secret, id, connect.channel(), refuse);
        });
    }

    private static void attach(ForwardContext context, ResolvedTarget target, String secret, String id, Channel local,
                               Consumer<String> refuse) {
        StreamSplice splice = local.pipeline().get(StreamSplice.class);
        AttachReply reply = new AttachReply(splice, local);
        context.transport().open(target.pod(), target.port(), reply, local.eventLoop()).whenComplete((stream, error) ->
                OnEventLoop.run(local, () -> opened(context, secret, id, local, splice, stream, error, refuse), () -> {
                    if (stream != null) {
                        stream.close();
                    }
                }));
    }

    private static void opened(ForwardContext context, String secret, String id, Channel local, StreamSplice splice,
                               PodStream stream, Throwable error, Consumer<String> refuse) {
        if (error != null) {
            local.close();
            refuse.accept(id);
            context.monitor().connectionError("forward '" + context.config().displayName() + "': cannot open a stream"
                    + " to the relay for a connection from the cluster: " + error.getMessage());
            return;
        }
        stream.write(Unpooled.copiedBuffer(ReverseMessage.of(Verb.ATTACH, secret, id).encode(),
                StandardCharsets.US_ASCII));
        splice.attach(stream);
    }
}
