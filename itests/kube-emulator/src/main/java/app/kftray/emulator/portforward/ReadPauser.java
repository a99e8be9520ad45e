package app.kftray.emulator.portforward;

import io.netty.channel.Channel;

/**
 * Turns a multiplexed connection's reading off while any stream holds it: SPDY here has no flow control,
 * so a stream whose backend cannot keep up must stop the whole connection rather than buffer without bound.
 */
final class ReadPauser {
    private final Channel channel;
    private int holders;

    ReadPauser(Channel channel) {
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
