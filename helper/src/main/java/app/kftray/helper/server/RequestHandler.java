package app.kftray.helper.server;

import app.kftray.helper.request.BadRequestException;
import app.kftray.helper.request.RequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Serves the one request of a connection: the line decoder in front of it hands over the request,
 * after which this handler answers and closes, or for {@code socket.bind} waits for the caller's
 * one-byte "ready" and then passes the socket (PROTOCOL.md).
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final Operations operations;
    private final int uid;
    private final String refusal;
    private boolean requestSeen;
    private Socket pendingListener;

    /**
     * @param operations carries out requests
     * @param uid        the caller, as the kernel reports it
     * @param refusal    null for an allowed caller; else the answer to whatever it sends, unread
     */
    RequestHandler(Operations operations, int uid, String refusal) {
        this.operations = operations;
        this.uid = uid;
        this.refusal = refusal;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (pendingListener != null) {
                passListener(ctx);
            } else if (!requestSeen) {
                requestSeen = true;
                // one request per connection: later bytes (the "ready" of socket.bind) arrive undecoded
                ctx.pipeline().remove(HelperServer.LINE_DECODER);
                serve(ctx, ByteBufUtil.getBytes(bytes));
            }
        } finally {
            ReferenceCountUtil.release(bytes);
        }
    }

    private void serve(ChannelHandlerContext ctx, byte[] line) {
        ctx.channel().config().setAutoRead(false);
        if (refusal != null) {
            answerAndClose(ctx, Reply.error(refusal));
            return;
        }
        try {
            var request = RequestParser.parse(line, uid);
            operations.handle(request, uid).whenComplete((reply, failure) ->
                    ctx.executor().execute(() -> answer(ctx, request.getClass().getSimpleName(), reply)));
        } catch (BadRequestException e) {
            LOG.info("event=refused uid={} reason=\"{}\"", uid, e.getMessage());
            answerAndClose(ctx, Reply.error(e.getMessage()));
        }
    }

    private void answer(ChannelHandlerContext ctx, String operation, Reply reply) {
        LOG.info("event=request uid={} op={} ok={}", uid, operation, reply.body().get("ok").booleanValue());
        if (reply.listener() == null) {
            answerAndClose(ctx, reply);
            return;
        }
        pendingListener = reply.listener();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.line()));
        ctx.channel().config().setAutoRead(true);
    }

    private void passListener(ChannelHandlerContext ctx) {
        Socket listener = pendingListener;
        pendingListener = null;
        ctx.writeAndFlush(new FileDescriptor(listener.intValue())).addListener(done -> {
            closeQuietly(listener);
            ctx.close();
        });
    }

    private static void answerAndClose(ChannelHandlerContext ctx, Reply reply) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.line())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (!requestSeen) {
                answerAndClose(ctx, Reply.error("request ended before its newline"));
            } else if (pendingListener != null) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            requestSeen = true;
            answerAndClose(ctx, Reply.error("request is longer than " + HelperServer.MAX_REQUEST_BYTES + " bytes"));
        } else if (cause instanceof ReadTimeoutException) {
            answerAndClose(ctx, Reply.error(requestSeen ? "no ready byte for the socket within "
                    + HelperServer.TIMEOUT_SECONDS + " s" : "no complete request within " + HelperServer.TIMEOUT_SECONDS + " s"));
        } else {
            LOG.warn("event=connection_failed uid={} error=\"{}\"", uid, cause.toString());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pendingListener != null) {
            closeQuietly(pendingListener);
            pendingListener = null;
        }
        ctx.fireChannelInactive();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.warn("event=close_failed error=\"{}\"", e.getMessage());
        }
    }
}
