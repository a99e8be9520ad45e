package app.kftray.protocol.socks5.internal;

import app.kftray.net.ConnectionMonitor;
import app.kftray.net.HeldBytes;
import app.kftray.net.OnEventLoop;
import app.kftray.net.StreamSplice;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The server side of one SOCKS5 handshake (RFC 1928, RFC 1929): method selection,
 * optional user name/password, then CONNECT, which {@link PodConnector} turns into a pod
 * stream. On success it hands the connection to a {@link StreamSplice} and leaves the
 * pipeline; on any failure it sends the matching reply, tells the monitor and closes.
 */
final class Socks5Handshake extends ChannelInboundHandlerAdapter {
    static final String TIMEOUT = "socks-timeout";
    static final String ENCODER = "socks-encoder";
    static final String DECODER = "socks-decoder";
    /** Most bytes a client may send after its CONNECT before the reply; more is a protocol error. */
    private static final int MAX_EARLY_BYTES = 64 * 1024;

    private final Socks5Policy policy;
    private final PodConnector connector;
    private final ConnectionMonitor monitor;
    private final HeldBytes early = new HeldBytes();
    private boolean connecting;
    private boolean clientEnded;

    Socks5Handshake(Socks5Policy policy, PodConnector connector, ConnectionMonitor monitor) {
        this.policy = policy;
        this.connector = connector;
        this.monitor = monitor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
                malformed(ctx, msg, decoded.decoderResult());
            } else if (msg instanceof Socks5InitialRequest greeting) {
                greet(ctx, greeting);
            } else if (msg instanceof Socks5PasswordAuthRequest login) {
                authenticate(ctx, login);
            } else if (msg instanceof Socks5CommandRequest command) {
                command(ctx, command);
            } else if (msg instanceof ByteBuf data && connecting) {
                keepEarly(ctx, data.retain());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void greet(ChannelHandlerContext ctx, Socks5InitialRequest greeting) {
        Socks5AuthMethod method = policy.method();
        if (!greeting.authMethods().contains(method)) {
            refuse(ctx, new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED), "it offered "
                    + greeting.authMethods() + " but this listener requires " + method);
            return;
        }
        ctx.pipeline().replace(DECODER, DECODER, method == Socks5AuthMethod.PASSWORD
                ? new Socks5PasswordAuthRequestDecoder() : commandDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(method));
    }

    private void authenticate(ChannelHandlerContext ctx, Socks5PasswordAuthRequest login) {
        if (!policy.accepts(login.username(), login.password())) {
            refuse(ctx, new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.FAILURE),
                    "wrong user name or password for user '" + login.username() + "'");
            return;
        }
        ctx.pipeline().replace(DECODER, DECODER, commandDecoder());
        ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest request) {
        String destination = request.dstAddr() + ":" + request.dstPort();
        if (request.type() != Socks5CommandType.CONNECT) {
            refuse(ctx, failure(Socks5CommandStatus.COMMAND_UNSUPPORTED), request.type() + " " + destination
                    + " is not supported; only CONNECT is");
            return;
        }
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        connecting = true;
        if (ctx.pipeline().get(TIMEOUT) != null) {
            ctx.pipeline().remove(TIMEOUT); // the lookup has its own deadline in the cluster client
        }
        StreamSplice splice = new StreamSplice(client, monitor);
        // always queued: a connect that completes at once must not re-enter this handler
        connector.connect(request.dstAddr(), request.dstPort(), splice).whenComplete((connection, error) ->
                OnEventLoop.later(client.eventLoop(), () -> connected(ctx, splice, connection, error, destination),
                        () -> closeStream(connection)));
    }

    private static void closeStream(PodConnector.Connection connection) {
        if (connection != null) {
            connection.stream().close();
        }
    }

    private void connected(ChannelHandlerContext ctx, StreamSplice splice, PodConnector.Connection connection,
                           Throwable error, String destination) {
        Channel client = ctx.channel();
        if (error != null) {
            Refusal refusal = Refusal.of(error);
            refuse(ctx, failure(refusal.status()), "CONNECT " + destination + " refused ("
                    + refusal.status() + "): " + refusal.getMessage());
            return;
        }
        if (!client.isActive()) {
            splice.abandon(connection.stream());
            return;
        }
        ctx.writeAndFlush(success(client));
        ctx.pipeline().remove(DECODER); // any bytes it still held arrive here as early data
        ctx.pipeline().remove(ENCODER);
        ctx.pipeline().addLast(splice);
        ctx.pipeline().remove(this);
        splice.attach(connection.stream(), early.takeAll(), clientEnded);
    }

    private void keepEarly(ChannelHandlerContext ctx, ByteBuf data) {
        early.add(data);
        if (early.bytes() > MAX_EARLY_BYTES) {
            monitor.error("sent more than " + MAX_EARLY_BYTES + " bytes before the CONNECT reply; closed");
            ctx.close();
        }
    }

    private void malformed(ChannelHandlerContext ctx, Object msg, DecoderResult result) {
        Throwable cause = result.cause();
        if (msg instanceof Socks5InitialRequest) {
            // not a SOCKS5 client (or garbage): there is no reply it would understand
            monitor.error("malformed greeting (" + cause.getMessage() + "); closed");
            ctx.close();
        } else if (msg instanceof Socks5PasswordAuthRequest) {
            refuse(ctx, new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.FAILURE),
                    "malformed login (" + cause.getMessage() + ")");
        } else {
            Socks5CommandStatus status = cause instanceof KnownAddressTypes.Unsupported
                    ? Socks5CommandStatus.ADDRESS_UNSUPPORTED : Socks5CommandStatus.FAILURE;
            refuse(ctx, failure(status), "malformed request (" + cause.getMessage() + ")");
        }
    }

    private void refuse(ChannelHandlerContext ctx, Object reply, String reason) {
        monitor.error(reason);
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    /** A client that ends its side mid-handshake sends nothing more: close, unless its CONNECT is under way. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (connecting) {
                clientEnded = true;
            } else {
                monitor.error("ended before its CONNECT request");
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.release();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String what = cause instanceof ReadTimeoutException
                ? "no CONNECT request within " + policy.handshakeTimeout().toMillis() + " ms"
                : String.valueOf(cause.getMessage());
        monitor.error(what + "; closed");
        ctx.close();
    }

    private static Socks5CommandRequestDecoder commandDecoder() {
        return new Socks5CommandRequestDecoder(KnownAddressTypes.INSTANCE);
    }

    private static DefaultSocks5CommandResponse failure(Socks5CommandStatus status) {
        return new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4, "0.0.0.0", 0);
    }

    /** Reports the listener-side address of this connection as the bound address. */
    private static DefaultSocks5CommandResponse success(Channel client) {
        if (client.localAddress() instanceof InetSocketAddress local && local.getAddress() != null) {
            String host = NetUtil.toAddressString(local.getAddress());
            Socks5AddressType type = NetUtil.isValidIpV6Address(host) ? Socks5AddressType.IPv6 : Socks5AddressType.IPv4;
            return new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, type, host, local.getPort());
        }
        return new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4, "0.0.0.0", 0);
    }
}
