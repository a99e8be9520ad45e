package app.kftray.kube.internal.transport;

import app.kftray.api.PortForwardTransport.StreamReceiver;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/** Gathers what the pod sends, for tests of the port-forward transport and of the whole bundle. */
public final class CollectingReceiver implements StreamReceiver {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    @Override
    public synchronized void onData(ByteBuf data) {
        try {
            data.readBytes(bytes, data.readableBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            data.release();
        }
        notifyAll();
    }

    @Override
    public synchronized void onClosed(Throwable error) {
        closed.complete(error);
        notifyAll();
    }

    /** @return how many bytes have arrived */
    public synchronized int size() {
        return bytes.size();
    }

    /** @return the bytes received, once there are {@code size} of them, the stream closed, or after ten seconds */
    public synchronized byte[] await(int size) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (bytes.size() < size && !closed.isDone() && System.currentTimeMillis() < deadline) {
            wait(100);
        }
        return bytes.toByteArray();
    }
}
