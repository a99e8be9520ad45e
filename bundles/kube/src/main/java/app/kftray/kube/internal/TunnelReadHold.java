package app.kftray.kube.internal;

import io.netty.channel.Channel;

/**
 * Stops reading a multiplexed connection while any of its streams holds it. SPDY as the
 * port-forward servers speak it has no flow control, so a stream whose reader cannot keep up
 * must stop the whole connection rather than buffer without bound. Confined to the
 * connection's event loop.
 */
final class TunnelReadHold {
    private final Channel channel;
    private int holders;

    TunnelReadHold(Channel channel) {
        this.channel = channel;
    }

    void hold() {
        if (holders++ == 0) {
            channel.config().setAutoRead(false);
        }
    }

    void release() {
        if (--holders == 0) {
            channel.config().setAutoRead(true);
        }
    }
}
