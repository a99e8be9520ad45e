package app.kftray.relay.server;

import app.kftray.relay.protocol.FrameBatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.PortUnreachableException;

/**
 * Frames every datagram the target sends back onto the client stream, any number per
 * request. Replies that cannot be framed (empty, or above the maximum) are dropped and counted.
 * The replies read in one pass leave as one write, framed together in one buffer.
 */
final class UdpReplyHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(UdpReplyHandler.class);

    private final Channel stream;
    private final int maxDatagramBytes;
    /** Frames of the current read pass. */
    private final FrameBatch batch;
    private long forwarded;
    private long dropped;

    UdpReplyHandler(Channel stream, int maxDatagramBytes) {
        this.stream = stream;
        this.maxDatagramBytes = maxDatagramBytes;
        this.batch = new FrameBatch(maxDatagramBytes);
    }

    long forwarded() {
        return forwarded;
    }

    long dropped() {
        return dropped;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length == 0 || length > maxDatagramBytes) {
            dropped++;
            LOG.warn("event=udp_reply_dropped flow={} bytes={} reason={}", Channels.flowId(stream),
                    length > maxDatagramBytes ? ">" + maxDatagramBytes : length, length == 0 ? "empty" : "oversize");
            return;
        }
        forwarded++;
        batch.add(ctx.alloc(), content);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!batch.isEmpty()) {
            stream.writeAndFlush(batch.take());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        batch.discard();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            // ICMP "port unreachable" for an earlier send: the target may come up later; keep the flow.
            LOG.debug("event=udp_target_unreachable flow={}", Channels.flowId(stream));
            return;
        }
        LOG.warn("event=udp_socket_error flow={} error=\"{}\"", Channels.flowId(stream), cause.toString());
        ctx.close();
    }
}
