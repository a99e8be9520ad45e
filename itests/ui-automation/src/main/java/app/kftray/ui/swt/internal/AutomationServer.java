package app.kftray.ui.swt.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automation hook: a loopback-only line protocol for driving the UI from tests, on the
 * shared event loops. One command per line, one reply line ({@code ok …} or {@code error …});
 * commands run off the event loop because they wait for the UI thread. See
 * {@link AutomationCommands} for the commands.
 */
final class AutomationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationServer.class);
    private static final int MAX_LINE = 8192;

    private final Channel channel;

    private AutomationServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * @param group    event loops
     * @param port     loopback port, 0 for any
     * @param commands what to run
     * @return the listening server
     */
    static AutomationServer start(EventLoopGroup group, int port, AutomationCommands commands) {
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8),
                                new CommandHandler(commands));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).syncUninterruptibly().channel();
        LOG.info("desktop UI automation listening on {}", channel.localAddress());
        return new AutomationServer(channel);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class CommandHandler extends SimpleChannelInboundHandler<String> {
        private final AutomationCommands commands;

        CommandHandler(AutomationCommands commands) {
            this.commands = commands;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            // replies keep request order: each waits for the previous one on this connection
            ctx.channel().config().setAutoRead(false);
            CompletableFuture.supplyAsync(() -> commands.execute(line.strip()))
                    .whenComplete((reply, error) -> {
                        String text = error != null ? "error " + error.getMessage() : reply;
                        ctx.writeAndFlush(text.replace('\n', ' ') + "\n");
                        ctx.channel().config().setAutoRead(true);
                    });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("automation connection failed: {}", cause.toString());
            ctx.close();
        }
    }
}
