package app.kftray.relay.server;

import app.kftray.relay.protocol.DatagramFraming;
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
    /** Room a new batch of replies starts with: several DNS-sized answers. */
    private static final int BATCH_BYTES = 1024;

    private final Channel stream;
    private final int maxDatagramBytes;
    /** Frames of the current read pass; null when there are none. */
    private ByteBuf batch;
    private long forwarded;
    private long dropped;

    UdpReplyHandler(Channel stream, int maxDatagramBytes) {
        this.stream = stream;
        this.maxDatagramBytes = maxDatagramBytes;
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
        if (batch == null) {
            batch = ctx.alloc().buffer(Math.max(BATCH_BYTES, DatagramFraming.LENGTH_FIELD_BYTES + length));
        }
        DatagramFraming.appendFrame(batch, content, maxDatagramBytes);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (batch != null) {
            ByteBuf frames = batch;
            batch = null;
            stream.writeAndFlush(frames);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
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
