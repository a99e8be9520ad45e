package app.kftray.net;

import app.kftray.api.PortForwardTransport.PodStream;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A pod stream that records what the splice does to it; its writability is set by the test. */
class FakePodStream implements PodStream {
    final List<Boolean> autoReads = new CopyOnWriteArrayList<>();
    final StringBuilder written = new StringBuilder();
    volatile boolean writable = true;
    volatile boolean failWrites;
    volatile boolean outputShut;
    volatile boolean closed;

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        try {
            written.append(data.toString(StandardCharsets.US_ASCII));
        } finally {
            data.release();
        }
        return failWrites ? CompletableFuture.failedFuture(new IllegalStateException("stream reset"))
                : CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void setAutoRead(boolean read) {
        autoReads.add(read);
    }

    /** @return the last autoRead the splice set, or null if it never set one */
    Boolean autoRead() {
        return autoReads.isEmpty() ? null : autoReads.get(autoReads.size() - 1);
    }

    @Override
    public void shutdownOutput() {
        outputShut = true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
