package app.kftray.net;

import io.netty.channel.Channel;

/**
 * Stops reading a multiplexed connection while any of its streams holds it, and reads again
 * once the last one lets go.
 *
 * <p>SPDY as the Kubernetes port-forward servers speak it has no flow control: a stream whose
 * reader cannot keep up must stop the whole connection rather than buffer without bound. Each
 * stream takes at most one hold at a time and releases it when it can take data again (or ends).
 * Confined to the connection's event loop.
 */
public final class ReadHold {
    private final Channel channel;
    private int holders;
    private long holdsTaken;

    /** @param channel the connection whose reads the streams share */
    public ReadHold(Channel channel) {
        this.channel = channel;
    }

    /** One more stream cannot take data: the first hold stops the connection's reads. */
    public void hold() {
        holdsTaken++;
        if (holders++ == 0) {
            channel.config().setAutoRead(false);
        }
    }

    /**
     * @return how many holds were ever taken; a change means the connection stopped reading for a while, so
     *         a silence across it proves nothing about the peer
     */
    public long holdsTaken() {
        return holdsTaken;
    }

    /** @return whether some stream holds the connection's reads now */
    public boolean held() {
        return holders > 0;
    }

    /** A stream that held the connection can take data again: the last release resumes reading. */
    public void release() {
        if (--holders == 0) {
            channel.config().setAutoRead(true);
        }
    }
}
