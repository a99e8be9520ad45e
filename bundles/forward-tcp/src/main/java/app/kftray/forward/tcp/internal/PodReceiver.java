package app.kftray.forward.tcp.internal;

import app.kftray.api.PortForwardTransport.StreamReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;

/**
 * Moves a pod stream's callbacks onto the client channel's event loop, so the splice's
 * backpressure decisions never race with the client's writability changes.
 */
final class PodReceiver implements StreamReceiver {
    private final Channel client;
    private final ClientRelayHandler relay;

    PodReceiver(Channel client, ClientRelayHandler relay) {
        this.client = client;
        this.relay = relay;
    }

    /**
     * Runs {@code task} on the channel's event loop (at once if already there).
     *
     * @param channel    whose loop to use
     * @param task       the work
     * @param ifLoopGone run instead when the loop no longer accepts tasks
     */
    static void runOn(Channel channel, Runnable task, Runnable ifLoopGone) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
            return;
        }
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            ifLoopGone.run();
        }
    }

    @Override
    public void onData(ByteBuf data) {
        runOn(client, () -> relay.podData(data), data::release);
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        runOn(client, relay::podWritabilityChanged, () -> { });
    }

    @Override
    public void onClosed(Throwable error) {
        runOn(client, () -> relay.podClosed(error), () -> { });
    }
}
