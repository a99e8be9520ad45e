package app.kftray.emulator.portforward;

import app.kftray.net.ReadHold;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One forwarded TCP connection of a SPDY port-forward: the error and data streams sharing a requestID,
 * the backend socket, and which side has finished. Confined to the connection's event loop.
 */
final class StreamPair {
    final String requestId;
    final int port;
    int errorStreamId;
    int dataStreamId;
    Channel backend;
    /** Client data that arrived before the backend connection was up. */
    final Queue<ByteBuf> pending = new ArrayDeque<>();
    boolean clientFinished;
    boolean serverFinished;
    boolean errorFinished;
    boolean done;
    private boolean holdingReads;

    StreamPair(String requestId, int port) {
        this.requestId = requestId;
        this.port = port;
    }

    /** Holds the shared connection's reads while this stream cannot take data (connecting, or backend full). */
    void updateReadHold(ReadHold readHold) {
        boolean want = !done && (backend == null || !backend.isWritable());
        if (want != holdingReads) {
            holdingReads = want;
            if (want) {
                readHold.hold();
            } else {
                readHold.release();
            }
        }
    }

    void writeToBackend(ByteBuf data) {
        if (backend == null) {
            pending.add(data);
        } else {
            backend.writeAndFlush(data);
        }
    }

    /** Sends what arrived while connecting, and the client's half-close if it came too. */
    void flushPending() {
        ByteBuf data;
        while ((data = pending.poll()) != null) {
            backend.write(data);
        }
        backend.flush();
        if (clientFinished) {
            shutdownBackendOutput();
        }
    }

    void shutdownBackendOutput() {
        if (backend instanceof SocketChannel socket && socket.isActive()) {
            // after what is written so far has left: writes may wait for a consolidated flush
            socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> socket.shutdownOutput());
        }
    }

    void releasePending() {
        ByteBuf data;
        while ((data = pending.poll()) != null) {
            data.release();
        }
    }
}
