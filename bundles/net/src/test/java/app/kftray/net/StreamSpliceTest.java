package app.kftray.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.testing.RecordingMonitor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The splice's policy on an embedded client channel and a recording pod stream: each side is
 * read only while the other can take more, pod bytes wait for attach, and an end on one side
 * ends the other.
 */
class StreamSpliceTest {
    private static final String CONNECTION = "connection from test";
    private final RecordingMonitor monitor = new RecordingMonitor();
    private final FakePodStream stream = new FakePodStream();
    private EmbeddedChannel client;
    private StreamSplice splice;

    @BeforeEach
    void splice() {
        client = new EmbeddedChannel();
        client.config().setAutoRead(false); // as accepted connections start, until their stream is open
        splice = new StreamSplice(client, new ConnectionMonitor(monitor, CONNECTION));
        client.pipeline().addLast(splice);
    }

    @AfterEach
    void close() {
        client.finishAndReleaseAll();
    }

    @Test
    void attachReadsBothSidesWhileTheOtherIsWritable() {
        splice.attach(stream);

        assertEquals(Boolean.TRUE, stream.autoRead());
        assertTrue(client.config().isAutoRead());
    }

    @Test
    void aSlowClientStopsReadingThePodAndWritabilityBackResumesIt() {
        splice.attach(stream);

        clientWritable(false);
        assertEquals(Boolean.FALSE, stream.autoRead(), "the pod is not read while the client cannot take more");

        splice.onData(ascii("more"));
        assertEquals(Boolean.FALSE, stream.autoRead());
        assertEquals("more", outbound());

        clientWritable(true);
        assertEquals(Boolean.TRUE, stream.autoRead(), "the pod is read again once the client can take more");
    }

    @Test
    void aFullPodStreamStopsReadingTheClientAndWritabilityBackResumesIt() {
        splice.attach(stream);
        stream.writable = false;

        client.writeInbound(ascii("request"));
        assertEquals("request", stream.written.toString());
        assertFalse(client.config().isAutoRead(), "the client is not read while the pod stream cannot take more");

        stream.writable = true;
        splice.onWritabilityChanged(true);
        assertTrue(client.config().isAutoRead(), "the client is read again once the pod stream can take more");
    }

    @Test
    void anUnwritableSideAtAttachIsNotRead() {
        stream.writable = false;
        clientWritable(false);

        splice.attach(stream);

        assertEquals(Boolean.FALSE, stream.autoRead());
        assertFalse(client.config().isAutoRead());
    }

    @Test
    void podBytesBeforeAttachReachTheClientFirstAndInOrder() {
        splice.onData(ascii("first "));
        splice.onData(ascii("second"));
        assertNull(client.readOutbound(), "nothing reaches the client before attach");

        splice.attach(stream, List.of(ascii("early")), false);
        splice.onData(ascii(" third"));

        assertEquals("first second third", outbound());
        assertEquals("early", stream.written.toString());
        assertEquals(18, monitor.bytesIn());
        assertEquals(5, monitor.bytesOut());
    }

    @Test
    void aPodStreamThatEndedBeforeAttachClosesTheClientAfterItsBytes() {
        splice.onData(ascii("bye"));
        splice.onClosed(null);
        assertTrue(client.isActive());

        splice.attach(stream);
        client.runPendingTasks();

        assertEquals("bye", outbound());
        assertFalse(client.isActive());
    }

    @Test
    void theClientClosingClosesThePodStream() {
        splice.attach(stream);

        client.close();

        assertTrue(stream.closed);
    }

    @Test
    void thePodStreamEndingClosesTheClientAfterWhatItSent() {
        splice.attach(stream);

        splice.onData(ascii("last words"));
        splice.onClosed(null);
        client.runPendingTasks();

        assertEquals("last words", outbound());
        assertFalse(client.isActive());
        assertEquals(List.of(), monitor.errors());
    }

    @Test
    void aFailedPodStreamIsReportedUnderTheConnectionsName() {
        splice.attach(stream);

        splice.onClosed(new IOException("connection reset by peer"));
        client.runPendingTasks();

        assertEquals(List.of(CONNECTION + ": the pod stream failed: connection reset by peer"), monitor.errors());
        assertFalse(client.isActive());
    }

    @Test
    void theClientEndingItsOutputHalfClosesThePodStream() {
        splice.attach(stream);

        client.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertTrue(stream.outputShut);
        assertFalse(stream.closed);
        assertTrue(client.isActive(), "the pod's answer can still arrive");
    }

    @Test
    void theClientEndingBeforeAttachClosesIt() {
        client.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertFalse(client.isActive());
    }

    @Test
    void aFailedWriteToThePodClosesTheClient() {
        splice.attach(stream);
        stream.failWrites = true;

        client.writeInbound(ascii("lost"));
        client.runPendingTasks();

        assertFalse(client.isActive());
        assertTrue(stream.closed);
    }

    @Test
    void attachingAfterTheClientLeftClosesTheStreamAndDropsWhatWasHeld() {
        StreamSplice notInPipeline = new StreamSplice(client, new ConnectionMonitor(monitor, CONNECTION));
        ByteBuf held = ascii("held");
        notInPipeline.onData(held);
        ByteBuf early = ascii("early");
        client.close();

        notInPipeline.attach(stream, List.of(early), false);

        assertTrue(stream.closed);
        assertEquals(0, held.refCnt());
        assertEquals(0, early.refCnt());
        assertEquals("", stream.written.toString());
    }

    @Test
    void exceptionsAreReportedUnderTheConnectionsNameAndCloseTheClient() {
        splice.attach(stream);

        client.pipeline().fireExceptionCaught(new IOException("broken pipe"));

        assertEquals(List.of(CONNECTION + ": broken pipe"), monitor.errors());
        assertFalse(client.isActive());
    }

    private void clientWritable(boolean writable) {
        client.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        client.runPendingTasks();
        assertEquals(writable, client.isWritable());
    }

    private String outbound() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf data = client.readOutbound(); data != null; data = client.readOutbound()) {
            text.append(data.toString(StandardCharsets.US_ASCII));
            data.release();
        }
        return text.toString();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
