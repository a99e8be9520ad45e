package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;

/**
 * One queued copy of a connection's bytes, or (without bytes) the signal that the connection closed.
 *
 * @param connection  whose bytes
 * @param direction   who sent them
 * @param bytes       the copy, owned by the queue; {@code null} for the close signal
 * @param nanos       {@link System#nanoTime()} when the tap received them
 * @param dropsBefore buffers of this connection dropped before this one was queued
 */
record TapChunk(ConnectionLog connection, Direction direction, ByteBuf bytes, long nanos, long dropsBefore) {

    static TapChunk closeSignal(ConnectionLog connection) {
        return new TapChunk(connection, null, null, System.nanoTime(), 0);
    }

    boolean isCloseSignal() {
        return bytes == null;
    }
}
