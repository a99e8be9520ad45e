package app.kftray.kube.internal.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

/** The WebSocket transport's keep-alive closes a connection whose server stays silent two intervals after a ping. */
class KeepAlivePingerTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new KeepAlivePinger());

    private void idleInterval() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();
    }

    private void pingSent() {
        PingWebSocketFrame ping = assertInstanceOf(PingWebSocketFrame.class, channel.readOutbound());
        ping.release();
    }

    @Test
    void aSilentServerIsLeftTwoIntervalsAfterThePing() {
        idleInterval();
        pingSent();
        idleInterval();
        pingSent();
        assertTrue(channel.isOpen(), "one interval without an answer is not enough");
        idleInterval();
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
    }

    @Test
    void anythingHeardFromTheServerCountsAsAnAnswer() {
        for (int i = 0; i < 5; i++) {
            idleInterval();
            pingSent();
            idleInterval();
            pingSent();
            channel.writeInbound(new PongWebSocketFrame());
            PongWebSocketFrame pong = channel.readInbound();
            pong.release();
        }
        assertTrue(channel.isOpen());
    }

    @Test
    void silenceIsNotJudgedWhileReadsArePausedForASlowReader() {
        channel.config().setAutoRead(false);
        for (int i = 0; i < 5; i++) {
            idleInterval();
            pingSent();
        }
        assertTrue(channel.isOpen());
        channel.config().setAutoRead(true);
        idleInterval();
        pingSent();
        assertTrue(channel.isOpen());
        idleInterval();
        assertFalse(channel.isOpen(), "judged again once reads resume: two silent intervals after the last ping");
    }
}
