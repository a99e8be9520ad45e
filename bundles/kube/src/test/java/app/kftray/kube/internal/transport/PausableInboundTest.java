package app.kftray.kube.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.net.ReadHold;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inbound delivery of one stream of a tunnel: order, a bounded queue while paused, and the tunnel hold. */
class PausableInboundTest {
    private static final int LIMIT = 1000;

    private final EmbeddedChannel tunnel = new EmbeddedChannel();
    private final Receiver receiver = new Receiver();
    private final PausableInbound inbound = new PausableInbound(receiver, new ReadHold(tunnel), LIMIT);

    private static ByteBuf bytes(int size, int value) {
        return Unpooled.buffer(size).writeZero(size).setByte(0, value);
    }

    @Test
    void deliversAtOnceWhileReading() {
        inbound.offer(bytes(10, 1));
        assertEquals(10, receiver.data.size());
        assertEquals(0, inbound.queuedBytes());
    }

    @Test
    void aPausedStreamQueuesUpToTheBoundThenStopsTheTunnel() {
        inbound.setAutoRead(false);
        inbound.offer(bytes(600, 1));
        assertTrue(tunnel.config().isAutoRead(), "under the bound the other streams keep flowing");
        inbound.offer(bytes(600, 2));
        assertFalse(tunnel.config().isAutoRead(), "past the bound the whole tunnel stops reading");
        assertEquals(0, receiver.data.size());
        inbound.setAutoRead(true);
        assertTrue(tunnel.config().isAutoRead());
        assertEquals(1200, receiver.data.size());
        assertEquals(1, receiver.data.toByteArray()[0]);
        assertEquals(2, receiver.data.toByteArray()[600], "in order");
    }

    @Test
    void aReceiverPausingInsideDeliveryKeepsTheRestQueued() {
        inbound.setAutoRead(false);
        inbound.offer(bytes(600, 1));
        inbound.offer(bytes(600, 2));
        receiver.pauseOnData = inbound;
        inbound.setAutoRead(true);
        assertEquals(600, receiver.data.size());
        assertEquals(600, inbound.queuedBytes());
        assertTrue(tunnel.config().isAutoRead(), "back under the bound");
    }

    @Test
    void theEndComesAfterTheQueuedBytesAndDiscardReleasesEverything() {
        inbound.setAutoRead(false);
        ByteBuf kept = bytes(2000, 1);
        inbound.offer(kept);
        List<String> events = new ArrayList<>();
        inbound.endAfterDrain(() -> events.add("end at " + receiver.data.size()));
        assertTrue(events.isEmpty());
        inbound.setAutoRead(true);
        assertEquals(List.of("end at 2000"), events);

        inbound.setAutoRead(false);
        ByteBuf dropped = bytes(2000, 1);
        inbound.offer(dropped);
        assertFalse(tunnel.config().isAutoRead());
        inbound.discard();
        assertEquals(0, dropped.refCnt());
        assertTrue(tunnel.config().isAutoRead());
    }

    private static final class Receiver implements StreamReceiver {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        PausableInbound pauseOnData;

        @Override
        public void onData(ByteBuf bytes) {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            bytes.release();
            data.writeBytes(copy);
            if (pauseOnData != null) {
                pauseOnData.setAutoRead(false);
            }
        }

        @Override
        public void onClosed(Throwable error) {
        }
    }
}
