package app.kftray.emulator.portforward;

import app.kftray.emulator.world.PortForwardTarget;
import app.kftray.net.ReadHold;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet side of the SPDY/3.1 port-forward protocol: pairs error and data streams by requestID, answers
 * each SYN_STREAM at once (the client blocks on it), splices each data stream with a new backend connection,
 * and ends both streams with FIN when the connection ends, or writes the kubelet's error message first. No
 * flow control (the client never sends WINDOW_UPDATE); backpressure is autoRead on both sides.
 */
final class SpdyPortForwardHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SpdyPortForwardHandler.class);

    private final PortForwardTarget target;
    private final BackendConnector connector;
    private final Map<String, StreamPair> pairsByRequest = new HashMap<>();
    private final Map<Integer, StreamPair> pairsByStream = new HashMap<>();
    private ChannelHandlerContext ctx;
    private ReadHold readHold;

    SpdyPortForwardHandler(PortForwardTarget target, BackendConnector connector) {
        this.target = target;
        this.connector = connector;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.readHold = new ReadHold(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame syn) {
                onSynStream(syn);
            } else if (msg instanceof SpdyDataFrame data) {
                onData(data);
            } else if (msg instanceof SpdyRstStreamFrame rst) {
                onReset(rst.streamId());
            } else if (msg instanceof SpdyPingFrame ping) {
                ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
            } else if (msg instanceof SpdyGoAwayFrame) {
                ctx.close();
            }
            // SETTINGS, WINDOW_UPDATE and HEADERS carry nothing a port-forward needs
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onSynStream(SpdySynStreamFrame syn) {
        int id = syn.streamId();
        String type = header(syn, "streamtype");
        Optional<Integer> port = parsePort(header(syn, "port"));
        if (port.isEmpty() || !("error".equals(type) || "data".equals(type))) {
            LOG.debug("rejecting stream {}: type={} port={}", id, type, header(syn, "port"));
            ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        String requestId = header(syn, "requestid");
        if (requestId == null) {
            // the kubelet's rule for old clients: the data stream follows its error stream
            requestId = Integer.toString("error".equals(type) ? id : id - 2);
        }
        StreamPair pair = pairsByRequest.computeIfAbsent(requestId, r -> new StreamPair(r, port.get()));
        boolean isError = "error".equals(type);
        if ((isError ? pair.errorStreamId : pair.dataStreamId) != 0 || pair.port != port.get()) {
            ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        pairsByStream.put(id, pair);
        ctx.writeAndFlush(synReply(id, type));
        if (isError) {
            pair.errorStreamId = id;
        } else {
            pair.dataStreamId = id;
            pair.clientFinished = syn.isLast();
            connectBackend(pair);
        }
    }

    private void connectBackend(StreamPair pair) {
        Optional<InetSocketAddress> backend = target.backend(pair.port);
        if (backend.isEmpty()) {
            fail(pair, BackendConnector.describeFailure(pair.port,
                    new java.net.ConnectException("connection refused")));
            return;
        }
        pair.updateReadHold(readHold);
        connector.connect(ctx.channel().eventLoop(), backend.get(), new BackendHandler(pair))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        fail(pair, BackendConnector.describeFailure(pair.port, f.cause()));
                        return;
                    }
                    if (pair.done) {
                        f.channel().close();
                        return;
                    }
                    pair.backend = f.channel();
                    pair.flushPending();
                    pair.updateReadHold(readHold);
                    pair.backend.config().setAutoRead(ctx.channel().isWritable());
                });
    }

    private void onData(SpdyDataFrame frame) {
        StreamPair pair = pairsByStream.get(frame.streamId());
        if (pair == null || pair.done || frame.streamId() != pair.dataStreamId) {
            return; // the client half-closing its error stream, or data racing our close
        }
        if (frame.content().isReadable()) {
            pair.writeToBackend(frame.content().retain());
            pair.updateReadHold(readHold);
        }
        if (frame.isLast()) {
            pair.clientFinished = true;
            if (pair.backend != null) {
                pair.shutdownBackendOutput();
            }
            if (pair.serverFinished) {
                finish(pair);
            }
        }
    }

    private void onReset(int streamId) {
        StreamPair pair = pairsByStream.get(streamId);
        if (pair == null) {
            return;
        }
        // a reset stream must see no more frames from us
        if (streamId == pair.dataStreamId) {
            pair.serverFinished = true;
        } else {
            pair.errorFinished = true;
        }
        finish(pair);
    }

    /** Writes the kubelet's error message to the error stream, then ends the pair. */
    private void fail(StreamPair pair, String cause) {
        if (pair.done) {
            return;
        }
        String message = target.forwardError(pair.port, cause);
        LOG.debug("{}", message);
        if (pair.errorStreamId != 0 && !pair.errorFinished) {
            ByteBuf text = Unpooled.copiedBuffer(message, StandardCharsets.UTF_8);
            ctx.write(new DefaultSpdyDataFrame(pair.errorStreamId, text));
        }
        finish(pair);
    }

    /** Ends a pair: backend closed, FIN on both streams unless the client reset them. */
    private void finish(StreamPair pair) {
        if (pair.done) {
            return;
        }
        pair.done = true;
        pair.updateReadHold(readHold);
        pair.releasePending();
        if (pair.backend != null) {
            pair.backend.close();
        }
        if (pair.dataStreamId != 0 && !pair.serverFinished) {
            pair.serverFinished = true;
            ctx.write(fin(pair.dataStreamId));
        }
        if (pair.errorStreamId != 0 && !pair.errorFinished) {
            pair.errorFinished = true;
            ctx.write(fin(pair.errorStreamId));
        }
        ctx.flush();
        pairsByRequest.remove(pair.requestId);
        pairsByStream.remove(pair.dataStreamId);
        pairsByStream.remove(pair.errorStreamId);
    }

    /**
     * The reply the client waits for. Netty writes no header block at all for zero headers, which Go's
     * spdystream cannot decompress, so the reply echoes the stream type (the client ignores reply headers).
     */
    private static SpdySynReplyFrame synReply(int streamId, String type) {
        SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(streamId);
        reply.headers().set("streamtype", type);
        return reply;
    }

    private static SpdyDataFrame fin(int streamId) {
        return new DefaultSpdyDataFrame(streamId).setLast(true);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        for (StreamPair pair : pairsByRequest.values()) {
            if (pair.backend != null && !pair.done) {
                pair.backend.config().setAutoRead(writable);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (StreamPair pair : new ArrayList<>(pairsByRequest.values())) {
            pair.done = true;
            pair.releasePending();
            if (pair.backend != null) {
                pair.backend.close();
            }
        }
        pairsByRequest.clear();
        pairsByStream.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // malformed frames (or a broken socket) end this connection only
        LOG.debug("port-forward connection to pod {} failed: {}", target.podName(), cause.toString());
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultSpdyGoAwayFrame(0, SpdySessionStatus.PROTOCOL_ERROR))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String header(SpdySynStreamFrame syn, String name) {
        return syn.headers().getAsString(name);
    }

    private static Optional<Integer> parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The backend half of one pair: pod bytes become DATA frames on the pair's data stream. */
    private final class BackendHandler extends BackendRelay {
        private final StreamPair pair;

        BackendHandler(StreamPair pair) {
            super(ctx);
            this.pair = pair;
        }

        @Override
        Object frame(ByteBuf data) {
            return pair.done || pair.serverFinished ? null : new DefaultSpdyDataFrame(pair.dataStreamId, data);
        }

        @Override
        void inputEnded() {
            if (!pair.done && !pair.serverFinished) {
                pair.serverFinished = true;
                ctx.writeAndFlush(fin(pair.dataStreamId));
                if (pair.clientFinished) {
                    finish(pair);
                }
            }
        }

        @Override
        void closed() {
            finish(pair);
        }

        @Override
        void writable(boolean writable) {
            pair.updateReadHold(readHold);
        }

        @Override
        void failed(Throwable cause) {
            fail(pair, cause.getMessage());
        }
    }
}
