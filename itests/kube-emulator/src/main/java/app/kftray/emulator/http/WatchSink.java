package app.kftray.emulator.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/** How watch events reach the client: chunked HTTP lines, or WebSocket messages. Event-loop only. */
interface WatchSink {
    Channel channel();

    /** Sends the response head (or completes the upgrade). */
    void open();

    /** Sends one serialised event. */
    void send(ByteBuf event);

    /** Ends the stream and the connection. */
    void end();
}
