package app.kftray.kube.internal.transport;

import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;

/** Netty write results as the completion stages {@code PodStream.write} returns. */
final class WriteResults {
    private WriteResults() {
    }

    /**
     * @param write   a write in progress
     * @param written completed when the write succeeds, or with its cause when it fails
     */
    static void completeWhenDone(ChannelFuture write, CompletableFuture<Void> written) {
        write.addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(f.cause());
            }
        });
    }
}
