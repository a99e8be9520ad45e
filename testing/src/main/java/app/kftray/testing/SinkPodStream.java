package app.kftray.testing;

import app.kftray.api.PortForwardTransport.PodStream;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A pod stream that hands each write to a sink and releases it, is always writable and has no flow control
 * or end of its own: a pod that takes everything at once.
 */
public final class SinkPodStream implements PodStream {
    private final Consumer<ByteBuf> sink;

    /** @param sink sees each written buffer before it is released (e.g. copies it, or ignores it) */
    public SinkPodStream(Consumer<ByteBuf> sink) {
        this.sink = sink;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        try {
            sink.accept(data);
        } finally {
            data.release();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void setAutoRead(boolean read) {
    }

    @Override
    public void shutdownOutput() {
    }

    @Override
    public void close() {
    }
}
