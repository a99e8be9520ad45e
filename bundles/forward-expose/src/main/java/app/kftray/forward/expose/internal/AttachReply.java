package app.kftray.forward.expose.internal;

import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.net.OnEventLoop;
import app.kftray.net.StreamSplice;
import app.kftray.relay.protocol.ReverseMessage;
import app.kftray.relay.protocol.ReverseMessage.Verb;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.List;

/**
 * Receives a data stream from the relay: its first line is the relay's answer to {@code ATTACH}; after an
 * {@code OK} every byte is the cluster client's and goes to the splice, an {@code ERROR} closes the local
 * connection. Runs on the local connection's loop, where the splice runs too.
 */
final class AttachReply implements StreamReceiver {
    private final StreamSplice splice;
    private final Channel local;
    private final LineReader lines = new LineReader();
    private boolean attached;

    AttachReply(StreamSplice splice, Channel local) {
        this.splice = splice;
        this.local = local;
    }

    @Override
    public void onData(ByteBuf data) {
        OnEventLoop.run(local, () -> read(data), data::release);
    }

    private void read(ByteBuf data) {
        if (!attached) {
            List<ReverseMessage> reply;
            try {
                reply = lines.read(data, 1);
            } catch (RuntimeException bad) {
                data.release();
                local.close();
                return;
            }
            if (reply.isEmpty()) {
                data.release();
                return;
            }
            if (reply.get(0).verb() != Verb.OK) {
                data.release();
                StreamSplice.closeOnFlush(local);
                return;
            }
            attached = true;
        }
        if (data.isReadable()) {
            splice.onData(data);
        } else {
            data.release();
        }
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        splice.onWritabilityChanged(writable);
    }

    @Override
    public void onClosed(Throwable error) {
        OnEventLoop.run(local, () -> splice.onClosed(error), () -> { });
    }
}
