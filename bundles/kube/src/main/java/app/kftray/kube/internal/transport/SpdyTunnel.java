package app.kftray.kube.internal.transport;

import app.kftray.api.model.PodRef;
import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.net.ReadHold;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket to a pod's {@code portforward} subresource carrying SPDY/3.1, as kubectl 1.31+
 * opens it, shared by every stream to that pod on one event loop. Dialled on the first stream;
 * streams asked for during the handshake wait for it. Pings the server, answers its pings, and
 * closes itself when it has had no streams for a while. No SPDY flow control: the servers never
 * send window updates, so backpressure stops reading the whole tunnel ({@link PausableInbound}).
 * Confined to its event loop.
 */
final class SpdyTunnel extends ChannelInboundHandlerAdapter {
    static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** Client stream ids are odd and 31 bits; a tunnel that has used them all takes no more streams. */
    private static final int LAST_STREAM_ID = Integer.MAX_VALUE;
    /** What the SPDY codec may buffer of a DATA frame; DATA frames reach it split already. */
    private static final int MAX_CHUNK = 64 * 1024;
    private static final int MAX_HEADER_BLOCK = 16 * 1024;
    /** Compressed control frames are far smaller than their header blocks; a bound, not a buffer. */
    private static final int MAX_CONTROL_FRAME = 64 * 1024;
    private static final int DATA_HEADER_LENGTH = 8;
    private static final int MAX_DATA_LENGTH = 0xFFFFFF;
    /** Payloads up to this size are copied behind their header rather than sent as a message of their own. */
    private static final int SMALL_DATA_LENGTH = 2048;
    /**
     * Streams being set up at once. Later ones wait here, so a burst of connections that close at
     * once (a client retrying, a scan) is mostly cancelled before it reaches the server.
     */
    static final int MAX_SETTING_UP = 16;

    /** Who keeps tunnels. */
    interface Owner {
        /** @param tunnel takes no more streams; the next stream needs a new one */
        void gone(SpdyTunnel tunnel);

        /** @param request a stream for a server that does not speak the tunnel; to open another way */
        void refused(ApiEndpoint endpoint, PortForwardRequest request);
    }

    private enum State { NEW, CONNECTING, OPEN, CLOSED }

    private final ApiEndpoint endpoint;
    private final PodRef pod;
    private final EventLoop loop;
    private final TunnelSettings settings;
    private final Owner owner;
    /** Streams asked for during the handshake, or beyond {@link #MAX_SETTING_UP}. */
    private final ArrayDeque<PortForwardRequest> waiting = new ArrayDeque<>();
    private final Map<Integer, SpdyPodStream> byStreamId = new HashMap<>();
    private final Set<SpdyPodStream> live = new LinkedHashSet<>();
    private State state = State.NEW;
    private Channel channel;
    private ReadHold readHold;
    private int settingUp;
    private int nextStreamId = 1;
    private int nextRequestId;
    private int nextPingId = 1;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> idleClose;

    SpdyTunnel(ApiEndpoint endpoint, PodRef pod, EventLoop loop, TunnelSettings settings, Owner owner) {
        this.endpoint = endpoint;
        this.pod = pod;
        this.loop = loop;
        this.settings = settings;
        this.owner = owner;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * Opens a stream on this tunnel, dialling it first if needed. Call on the tunnel's loop.
     *
     * @param request the stream
     * @return false if this tunnel takes no more streams (closed, or out of stream ids)
     */
    boolean open(PortForwardRequest request) {
        if (state == State.CLOSED || outOfStreamIds()) {
            return false;
        }
        cancelIdleClose();
        switch (state) {
            case NEW -> {
                waiting.add(request);
                dial();
            }
            case CONNECTING -> waiting.add(request);
            default -> {
                waiting.add(request);
                startWaiting();
            }
        }
        return true;
    }

    /** Whether the ids of the waiting streams and one more would pass the last one. */
    private boolean outOfStreamIds() {
        return nextStreamId + 4L * (waiting.size() + 1) > LAST_STREAM_ID;
    }

    /** Ends the tunnel and every stream on it; call on the tunnel's loop. */
    void shutdown() {
        lost(new IOException("the port-forward transport stopped"), false);
    }

    private void dial() {
        state = State.CONNECTING;
        String path = "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/portforward";
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WebSocketPortForwardTransport.WATER_MARK)
                .handler(new PortForwardChannelInitializer(endpoint, endpoint.webSocket(path), SUBPROTOCOL,
                        pipeline -> pipeline.addLast(this)))
                .connect(endpoint.host(), endpoint.port());
        channel = connect.channel();
        readHold = new ReadHold(channel);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                lost(f.cause(), true);
            }
        });
    }

    private void startWaiting() {
        while (state == State.OPEN && settingUp < MAX_SETTING_UP && !waiting.isEmpty()) {
            PortForwardRequest request = waiting.poll();
            if (!request.opened().isDone()) {
                start(request);
            }
        }
    }

    /** A stream was accepted or failed: the next waiting one may be set up. */
    void setUpDone() {
        settingUp--;
        startWaiting();
    }

    private void start(PortForwardRequest request) {
        cancelIdleClose();
        settingUp++;
        SpdyPodStream stream = new SpdyPodStream(this, request, settings.pausedQueueLimit());
        int errorStreamId = nextStreamId;
        int dataStreamId = nextStreamId + 2;
        nextStreamId += 4;
        byStreamId.put(errorStreamId, stream);
        byStreamId.put(dataStreamId, stream);
        live.add(stream);
        stream.start(errorStreamId, dataStreamId, nextRequestId++);
    }

    /** @param stream is over; the tunnel forgets it, and starts its idle timer when it was the last one */
    void streamEnded(SpdyPodStream stream) {
        if (live.remove(stream)) {
            byStreamId.remove(stream.errorStreamId());
            byStreamId.remove(stream.dataStreamId());
            if (live.isEmpty() && waiting.isEmpty() && state == State.OPEN) {
                scheduleIdleClose();
            }
        }
    }

    ReadHold readHold() {
        return readHold;
    }

    boolean isWritable() {
        return channel != null && channel.isWritable();
    }

    void write(Object frame) {
        channel.write(frame, channel.voidPromise());
    }

    ChannelFuture writeAndFlush(Object frame) {
        return channel.writeAndFlush(frame);
    }

    /**
     * Sends a DATA frame without copying a large payload: the SPDY codec would copy it into a new
     * buffer, so the 8-byte header goes out as a WebSocket message of its own and the payload as
     * the next one (the tunnel is a byte stream; frames need not align with messages). A header
     * and payload joined in a composite buffer would make the WebSocket masking slow. A small
     * payload (a datagram, a request) is cheaper copied behind its header: one message, not two.
     *
     * @param streamId the data stream
     * @param data     the payload; ownership moves here
     * @return completes when written to the socket
     */
    ChannelFuture writeData(int streamId, ByteBuf data) {
        // written from the SPDY codec's place, so it goes straight to the WebSocket behind it
        ChannelHandlerContext spdy = channel.pipeline().context(SpdyFrameCodec.class);
        if (spdy == null || data.readableBytes() > MAX_DATA_LENGTH) {
            return channel.writeAndFlush(new DefaultSpdyDataFrame(streamId, data));
        }
        int length = data.readableBytes();
        boolean small = length <= SMALL_DATA_LENGTH;
        ByteBuf header = channel.alloc().buffer(DATA_HEADER_LENGTH + (small ? length : 0))
                .writeInt(streamId & LAST_STREAM_ID)
                .writeInt(length); // flags 0 in the high byte, then the 24-bit length
        if (small) {
            header.writeBytes(data);
            data.release();
            return spdy.writeAndFlush(header);
        }
        spdy.write(header, spdy.voidPromise());
        return spdy.writeAndFlush(data);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            // only now: the handshake request itself must pass the pipeline as HTTP
            ctx.pipeline().addBefore(ctx.name(), null, new WebSocketByteStream());
            ctx.pipeline().addBefore(ctx.name(), null, new SpdyDataFrameSplitter(MAX_CONTROL_FRAME));
            ctx.pipeline().addBefore(ctx.name(), null,
                    new SpdyFrameCodec(SpdyVersion.SPDY_3_1, MAX_CHUNK, MAX_HEADER_BLOCK, 6, 15, 8, true));
            opened();
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            lost(new IOException("the WebSocket handshake timed out"), false);
        }
        super.userEventTriggered(ctx, event);
    }

    private void opened() {
        if (state != State.CONNECTING) {
            return;
        }
        state = State.OPEN;
        pinger = loop.scheduleAtFixedRate(this::ping, settings.pingMillis(), settings.pingMillis(),
                TimeUnit.MILLISECONDS);
        startWaiting();
        if (live.isEmpty() && waiting.isEmpty()) {
            scheduleIdleClose();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynReplyFrame reply) {
                SpdyPodStream stream = byStreamId.get(reply.streamId());
                if (stream != null) {
                    stream.onReply(reply.streamId());
                }
            } else if (msg instanceof SpdyDataFrame data) {
                SpdyPodStream stream = byStreamId.get(data.streamId());
                if (stream != null) {
                    stream.onData(data);
                }
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                SpdyPodStream stream = byStreamId.get(reset.streamId());
                if (stream != null) {
                    stream.onReset(reset.status());
                }
            } else if (msg instanceof SpdyPingFrame ping) {
                if ((ping.id() & 1) == 0) {
                    ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id())); // the server's: echo it
                }
            } else if (msg instanceof SpdyGoAwayFrame goAway) {
                lost(new IOException("the API server ended the port-forward connection (" + goAway.status() + ")"),
                        false);
            } else if (msg instanceof SpdySynStreamFrame push) {
                ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(push.streamId(), SpdyStreamStatus.REFUSED_STREAM));
            }
            // SETTINGS, WINDOW_UPDATE and HEADERS carry nothing a port-forward needs
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        for (SpdyPodStream stream : List.copyOf(live)) {
            stream.onWritabilityChanged(writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.CONNECTING && PortForwardErrors.protocolUnsupported(cause)) {
            refused();
        } else {
            lost(cause, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        lost(new IOException("the API server closed the connection"), false);
    }

    /** The server does not tunnel SPDY: the waiting streams are opened another way. */
    private void refused() {
        close();
        for (PortForwardRequest request : waiting) {
            if (!request.opened().isDone()) {
                owner.refused(endpoint, request);
            }
        }
        waiting.clear();
        channel.close();
    }

    /**
     * @param cause          why
     * @param beforeConnect  whether the API server could not even be reached
     */
    private void lost(Throwable cause, boolean beforeConnect) {
        if (state == State.CLOSED) {
            return;
        }
        close();
        for (PortForwardRequest request : waiting) {
            request.opened().completeExceptionally(beforeConnect
                    ? PortForwardErrors.unreachable(endpoint, request.target(), cause)
                    : PortForwardErrors.failed(request.target(), cause));
        }
        waiting.clear();
        for (SpdyPodStream stream : List.copyOf(live)) {
            stream.onTunnelLost(cause);
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Takes no more streams: the owner forgets this tunnel first, so new streams get a new one. */
    private void close() {
        state = State.CLOSED;
        owner.gone(this);
        cancelIdleClose();
        if (pinger != null) {
            pinger.cancel(false);
        }
    }

    private void ping() {
        if (state == State.OPEN) {
            channel.writeAndFlush(new DefaultSpdyPingFrame(nextPingId), channel.voidPromise());
            nextPingId = nextPingId + 2 > 0 ? nextPingId + 2 : 1;
        }
    }

    private void scheduleIdleClose() {
        cancelIdleClose();
        idleClose = loop.schedule(() -> {
            if (live.isEmpty() && state == State.OPEN) {
                close();
                ChannelHandlerContext webSocket = channel.pipeline().context(WebSocketByteStream.class);
                if (webSocket != null) {
                    // like kubectl: a normal close, then the connection is dropped
                    webSocket.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    channel.close();
                }
            }
        }, settings.idleMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }
}
