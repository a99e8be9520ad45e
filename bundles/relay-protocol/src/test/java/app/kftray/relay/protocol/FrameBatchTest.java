package app.kftray.relay.protocol;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameBatchTest {

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void framesGatheredTogetherDecodeIntoTheSameDatagrams() {
        FrameBatch batch = new FrameBatch(100);
        assertTrue(batch.isEmpty());
        batch.add(ByteBufAllocator.DEFAULT, text("one"));
        batch.add(ByteBufAllocator.DEFAULT, text(""));
        batch.add(ByteBufAllocator.DEFAULT, text("three"));
        assertFalse(batch.isEmpty());

        EmbeddedChannel decoder = new EmbeddedChannel(new DatagramFrameDecoder(100));
        decoder.writeInbound(batch.take());
        assertTrue(batch.isEmpty());
        assertNull(batch.take());
        for (String expected : new String[] {"one", "", "three"}) {
            ByteBuf datagram = decoder.readInbound();
            assertEquals(expected, datagram.toString(StandardCharsets.US_ASCII));
            datagram.release();
        }
        assertFalse(decoder.finish());
    }

    @Test
    void anOversizeDatagramIsRefusedAndLeavesTheBatchAsItWas() {
        FrameBatch batch = new FrameBatch(4);
        batch.add(ByteBufAllocator.DEFAULT, text("ok"));
        OversizeFrameException refused = assertThrows(OversizeFrameException.class,
                () -> batch.add(ByteBufAllocator.DEFAULT, text("12345")));
        assertEquals(5, refused.length());
        ByteBuf frames = batch.take();
        assertEquals(6, frames.readableBytes(), "only the frame of \"ok\"");
        frames.release();

        FrameBatch empty = new FrameBatch(4);
        assertThrows(OversizeFrameException.class, () -> empty.add(ByteBufAllocator.DEFAULT, text("12345")));
        assertTrue(empty.isEmpty(), "a refused first datagram starts no batch");
    }

    @Test
    void discardReleasesWhatWasGathered() {
        List<ByteBuf> allocated = new ArrayList<>();
        ByteBufAllocator recording = new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                ByteBuf buffer = Unpooled.buffer(initialCapacity, maxCapacity);
                allocated.add(buffer);
                return buffer;
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return newHeapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        FrameBatch batch = new FrameBatch(100);
        batch.add(recording, text("gone"));
        batch.add(recording, text("too"));
        batch.discard();
        assertTrue(batch.isEmpty());
        assertEquals(1, allocated.size(), "one buffer per batch");
        assertEquals(0, allocated.get(0).refCnt());
    }

    @Test
    void datagramReadsSeeOneBytePastTheLimitAndSeveralDatagramsPerPass() {
        FixedRecvByteBufAllocator reads = DatagramFraming.datagramReads(1000);
        RecvByteBufAllocator.Handle handle = reads.newHandle();
        ByteBuf buffer = handle.allocate(ByteBufAllocator.DEFAULT);
        assertEquals(1001, buffer.capacity());
        buffer.release();
        assertEquals(16, reads.maxMessagesPerRead());
        assertThrows(IllegalArgumentException.class, () -> DatagramFraming.datagramReads(-1));
    }
}
