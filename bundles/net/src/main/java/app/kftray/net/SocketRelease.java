package app.kftray.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Closes Netty NIO channels and tells when their local addresses are free again.
 *
 * <p>A registered NIO socket keeps its descriptor, and so its port, until its selector next runs:
 * a forward restarted on the same port right after its close future completed would often fail
 * with "address already in use". A task scheduled on the channel's event loop after the close runs
 * only after that loop's next selector pass, when the socket is gone.
 */
public final class SocketRelease {
    private SocketRelease() {
    }

    /**
     * Closes one channel.
     *
     * @param channel a channel, open or not
     * @return completes once the channel's address can be bound again
     */
    public static CompletableFuture<Void> close(Channel channel) {
        CompletableFuture<Void> released = new CompletableFuture<>();
        channel.close().addListener(closed -> {
            try {
                channel.eventLoop().schedule(() -> released.complete(null), 0, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException loopShutDown) {
                // the loop closes its selector, and with it the socket, as it terminates
                released.complete(null);
            }
        });
        return released;
    }

    /**
     * Closes a listener, then the connections it accepted.
     *
     * @param listener    the listening channel
     * @param connections the accepted channels
     * @return completes once the listener's and every connection's address can be bound again
     */
    public static CompletableFuture<Void> close(Channel listener, ChannelGroup connections) {
        return close(listener).thenCompose(listenerFree -> close(connections));
    }

    /**
     * Closes every channel of a group.
     *
     * @param channels the channels; those closed meanwhile have already left the group
     * @return completes once every channel's address can be bound again
     */
    public static CompletableFuture<Void> close(ChannelGroup channels) {
        List<CompletableFuture<Void>> each = List.copyOf(channels).stream().map(SocketRelease::close).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
    }
}
