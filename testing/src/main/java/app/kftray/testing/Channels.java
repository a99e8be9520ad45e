package app.kftray.testing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/** Inspection helpers for test assertions about channels. */
public final class Channels {
    private Channels() {
    }

    /**
     * @param channel a channel
     * @return bytes written to it but not yet handed to its socket
     */
    public static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
