package app.kftray.kube.internal.transport;

import app.kftray.api.model.PodRef;
import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.kube.internal.cluster.ProxyHandlers;
import app.kftray.net.ReadHold;
import io.netty.channel.Channel;
import app.kftray.net.OnEventLoop;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One WebSocket to a pod's {@code portforward} subresource carrying SPDY/3.1, as kubectl 1.31+
 * opens it, shared by every stream to that pod on one event loop. Dialled on the first stream;
 * streams asked for during the handshake wait for it. Pings the server, answers its pings, and
 * closes itself when it has had no streams for a while. No SPDY flow control: the servers never
 * send window updates, so backpressure stops reading the whole tunnel ({@link PausableInbound}).
 * Coordinates its parts: the connection's state and events here, the frames it writes in
 * {@link SpdyFrameWriter}, its streams in {@link SpdyStreams}, its pings and idle close in
 * {@link SpdyTunnelTimers}. When nothing arrives within three quarters of a ping interval after a ping
 * has left, the tunnel closes, so a connection that went dead without a reset (a sleeping laptop, a
 * dropped VPN) is replaced within two ping intervals. Credentials the server rejects (401) are refreshed and the dial is tried once more.
 * Sharable only so that it can move to the connection of that second dial. Confined to its event loop.
 */
@Sharable
final class SpdyTunnel extends ChannelInboundHandlerAdapter {
    static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** What the SPDY codec may buffer of a DATA frame; DATA frames reach it split already. */
    private static final int MAX_CHUNK = 64 * 1024;
    private static final int MAX_HEADER_BLOCK = 16 * 1024;
    /** Compressed control frames are far smaller than their header blocks; a bound, not a buffer. */
    private static final int MAX_CONTROL_FRAME = 64 * 1024;
    /**
     * Streams being set up at once. Later ones wait, so a burst of connections that close at
     * once (a client retrying, a scan) is mostly cancelled before it reaches the server.
     */
    static final int MAX_SETTING_UP = 16;
    /** Ping intervals a ping may take to leave and be answered before the connection is taken for dead. */
    private static final int MAX_TICKS_SILENT = 3;

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
    private final SpdyStreams streams = new SpdyStreams(MAX_SETTING_UP);
    private final SpdyTunnelTimers timers;
    private State state = State.NEW;
    /** Completes when the tunnel is open or has ended. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private Channel channel;
    /** The credentials of the current dial, to refresh if the server rejects them. */
    private HttpHeaders dialledWith;
    private boolean reauthenticated;
    /** A ping is out and nothing has arrived from the server since it left. */
    private boolean silentSincePing;
    /** Ping intervals that passed while a ping was out. */
    private int ticksSilent;
    /** {@link ReadHold#holdsTaken()} when the last ping was sent. */
    private long holdsAtPing;
    private SpdyFrameWriter frames;
    private ReadHold readHold;

    SpdyTunnel(ApiEndpoint endpoint, PodRef pod, EventLoop loop, TunnelSettings settings, Owner owner) {
        this.endpoint = endpoint;
        this.pod = pod;
        this.loop = loop;
        this.settings = settings;
        this.owner = owner;
        this.timers = new SpdyTunnelTimers(loop, settings);
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
        if (state == State.CLOSED || streams.outOfStreamIds()) {
            return false;
        }
        timers.cancelIdleClose();
        streams.await(request);
        if (state == State.NEW) {
            dial();
        } else if (state == State.OPEN) {
            startWaiting();
        } // while CONNECTING, it is set up once the handshake is done
        return true;
    }

    /**
     * Dials the tunnel if nothing has yet; without streams it closes when idle. Call on the tunnel's loop.
     *
     * @return completes once the tunnel is open or has ended, never exceptionally (its first stream reports a failure)
     */
    CompletableFuture<Void> prepare() {
        if (state == State.NEW) {
            dial();
        }
        return settled;
    }

    /** Ends the tunnel and every stream on it; call on the tunnel's loop. */
    void shutdown() {
        lost(new IOException("the port-forward transport stopped"), false);
    }

    /**
     * @param reason why the tunnel is ended, e.g. its API server was found unreachable; call on the tunnel's loop
     */
    void close(String reason) {
        lost(new IOException(reason), false);
    }

    /**
     * Checks the tunnel at once (after a network change or a resume from sleep): it pings, and
     * ends unless the answer comes within {@code timeoutMs}. Call on the tunnel's loop.
     */
    void probe(long timeoutMs) {
        if (state != State.OPEN || silentSincePing) {
            return; // not open yet, or a ping is out already and its deadline decides
        }
        ping(timeoutMs, " after the network changed");
    }

    PodRef pod() {
        return pod;
    }

    /** Takes the credentials current for a dial (an exec plugin may run first), then dials with them. */
    private void dial() {
        state = State.CONNECTING;
        endpoint.credentials().current().whenComplete((headers, error) -> OnEventLoop.run(loop, () -> {
            if (state != State.CONNECTING) {
                return; // closed while the credentials were renewed
            }
            if (error != null) {
                lost(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error,
                        false);
            } else {
                connect(headers);
            }
        }, () -> { }));
    }

    private void connect(HttpHeaders credentials) {
        String path = "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/portforward";
        dialledWith = credentials;
        ChannelFuture connect = PortForwardChannelInitializer.connect(endpoint, dialledWith, loop, path, SUBPROTOCOL,
                pipeline -> pipeline.addLast(this));
        channel = connect.channel();
        frames = new SpdyFrameWriter(channel);
        readHold = new ReadHold(channel);
        connect.addListener(f -> {
            if (!f.isSuccess() && connect.channel() == channel) {
                lost(f.cause(), true);
            }
        });
    }

    private void startWaiting() {
        PortForwardRequest request;
        while (state == State.OPEN && (request = streams.nextToSetUp()) != null) {
            timers.cancelIdleClose();
            streams.start(new SpdyPodStream(this, frames, readHold, request, settings.pausedQueueLimit(),
                    settings.openTimeoutMillis()));
        }
    }

    /** A stream was accepted or failed: the next waiting one may be set up. */
    void setUpDone() {
        streams.setUpDone();
        startWaiting();
    }

    /** @param stream is over; the tunnel forgets it, and starts its idle timer when it was the last one */
    void streamEnded(SpdyPodStream stream) {
        if (streams.remove(stream) && streams.idle() && state == State.OPEN) {
            timers.scheduleIdleClose(this::closeIfIdle);
        }
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
        settled.complete(null);
        timers.startPings(this::ping);
        startWaiting();
        if (streams.idle()) {
            timers.scheduleIdleClose(this::closeIfIdle);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silentSincePing = false; // a server busy sending answers a ping late, but it is alive
        try {
            if (msg instanceof SpdySynReplyFrame reply) {
                SpdyPodStream stream = streams.byStreamId(reply.streamId());
                if (stream != null) {
                    stream.onReply(reply.streamId());
                }
            } else if (msg instanceof SpdyDataFrame data) {
                SpdyPodStream stream = streams.byStreamId(data.streamId());
                if (stream != null) {
                    stream.onData(data);
                }
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                SpdyPodStream stream = streams.byStreamId(reset.streamId());
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
        for (SpdyPodStream stream : streams.live()) {
            stream.onWritabilityChanged(writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() != channel) {
            return; // the connection of a dial given up
        }
        if (state == State.CONNECTING && PortForwardErrors.protocolUnsupported(cause)) {
            refused();
        } else if (state == State.CONNECTING && !reauthenticated && PortForwardErrors.unauthorized(cause)) {
            reauthenticate();
        } else if (state == State.CONNECTING && ProxyHandlers.proxyFailure(cause) != null) {
            lost(cause, true); // the proxy, not the API server: say so
        } else {
            lost(cause, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() == channel) {
            lost(new IOException("the API server closed the connection"), false);
        }
    }

    /** The credentials expired: fresh ones (an exec plugin runs again), then one more dial with them. */
    private void reauthenticate() {
        reauthenticated = true;
        Channel rejected = channel;
        channel = null;
        rejected.close();
        endpoint.credentials().refreshAfter(dialledWith).whenComplete((refreshed, error) -> OnEventLoop.run(loop,
                () -> {
                    if (state != State.CONNECTING) {
                        return;
                    }
                    if (error != null) {
                        lost(error instanceof CompletionException && error.getCause() != null ? error.getCause()
                                : error, false);
                    } else {
                        dial();
                    }
                }, () -> { }));
    }

    /** The server does not tunnel SPDY: the waiting streams are opened another way. */
    private void refused() {
        close();
        for (PortForwardRequest request : streams.takeWaiting()) {
            if (!request.opened().isDone()) {
                owner.refused(endpoint, request);
            }
        }
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
        for (PortForwardRequest request : streams.takeWaiting()) {
            request.opened().completeExceptionally(beforeConnect
                    ? PortForwardErrors.unreachable(endpoint, request.target(), cause)
                    : PortForwardErrors.failed(request.target(), cause));
        }
        for (SpdyPodStream stream : streams.live()) {
            stream.onTunnelLost(cause);
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Takes no more streams: the owner forgets this tunnel first, so new streams get a new one. */
    private void close() {
        state = State.CLOSED;
        settled.complete(null);
        owner.gone(this);
        timers.cancelAll();
    }

    /**
     * Pings the server on the ping timer. A ping that could not even leave for several intervals (the
     * connection's buffers full towards a peer that no longer acknowledges) ends the tunnel too.
     */
    private void ping() {
        if (state != State.OPEN) {
            return;
        }
        if (!listenedSincePing()) {
            silentSincePing = false; // a stream's slow reader held the tunnel's reads: silence proves nothing
        }
        if (!silentSincePing) {
            ticksSilent = 0;
            ping(settings.pingAnswerMillis(), "");
        } else if (++ticksSilent >= MAX_TICKS_SILENT) {
            lost(new IOException("the API server took no data and sent none for " + ticksSilent * settings.pingMillis()
                    + " ms"), false);
        }
    }

    /**
     * Pings the server; nothing heard from it within {@code timeoutMs} means the connection is dead.
     * The time counts from when the ping has left, so a ping queued behind an upload on a slow link is
     * not taken for an unanswered one.
     */
    private void ping(long timeoutMs, String when) {
        silentSincePing = true;
        holdsAtPing = readHold.holdsTaken();
        frames.ping().addListener(sent -> {
            if (sent.isSuccess() && silentSincePing && state == State.OPEN) {
                timers.awaitAnswer(timeoutMs, () -> {
                    if (silentSincePing && listenedSincePing()) {
                        lost(new IOException("the API server did not answer a ping within " + timeoutMs + " ms"
                                + when), false);
                    }
                });
            }
        });
    }

    /** @return whether the tunnel kept reading since the last ping, rather than holding its reads for a slow stream */
    private boolean listenedSincePing() {
        return !readHold.held() && readHold.holdsTaken() == holdsAtPing;
    }

    private void closeIfIdle() {
        if (streams.noneLive() && state == State.OPEN) {
            close();
            frames.closeNormally();
        }
    }
}
