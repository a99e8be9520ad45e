package app.kftray.emulator.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/** The plain watch response: 200, chunked, one JSON event per line (what kubectl and client-go read). */
final class ChunkedWatchSink implements WatchSink {
    private final Channel channel;
    private final String contentType;

    ChunkedWatchSink(Channel channel, String contentType) {
        this.channel = channel;
        this.contentType = contentType;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void open() {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
        channel.writeAndFlush(head);
    }

    @Override
    public void send(ByteBuf event) {
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event, Unpooled.wrappedBuffer(NEWLINE))));
    }

    @Override
    public void end() {
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }

    private static final byte[] NEWLINE = {'\n'};
}
