package app.kftray.forward.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.testing.Await;
import app.kftray.testing.Backend;
import app.kftray.testing.TestClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelOption;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of short connections, closed politely or reset, leave no channel, no stream and
 * no buffer behind. Netty's leak detector runs in paranoid mode; a deliberately leaked canary
 * buffer proves it reports leaks in this run.
 */
class TcpLeakTest extends TcpForwardTestBase {
    private static final int CONNECTIONS = 10_000;
    private static final int ECHO_CHECK_EVERY = 250;
    private static final String CANARY = "leak-canary";
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static ResourceLeakDetector.Level previousLevel;

    @BeforeAll
    static void paranoidLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> LEAKS.add(records));
    }

    @AfterAll
    static void restoreLeakDetection() {
        ByteBufUtil.setLeakListener(null);
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @Test
    void quickOpenAndCloseLeavesNoChannelsStreamsOrBuffers() {
        backend(Backend.echo(LOOPS.group()));
        TcpForward forward = start();

        for (int i = 0; i < CONNECTIONS; i++) {
            TestClient client = TestClient.connect(LOOPS.group(), forward.boundAddress());
            if (i % ECHO_CHECK_EVERY == 0) {
                client.send("ping");
                Await.until("echo", Duration.ofSeconds(5), () -> client.received() == 4);
            } else if (i % 2 == 0) {
                client.send("bye");
            } else {
                client.channel().config().setOption(ChannelOption.SO_LINGER, 0); // reset, not FIN
            }
            client.close();
        }

        Await.until("every connection closed", Duration.ofSeconds(30),
                () -> monitor.closed() == CONNECTIONS && forward.openConnections() == 0);
        Await.until("every stream closed", Duration.ofSeconds(10), () -> transport.openStreams() == 0);
        assertEquals(CONNECTIONS, monitor.opened());
        assertLeakDetectorFindsOnlyTheCanary();
    }

    private static void assertLeakDetectorFindsOnlyTheCanary() {
        leakCanary();
        Await.until("the canary to be reported", Duration.ofSeconds(10), () -> {
            System.gc();
            ByteBufAllocator.DEFAULT.buffer(1).release(); // leak reports happen on allocation
            return LEAKS.stream().anyMatch(records -> records.contains(CANARY));
        });
        assertEquals(List.of(), LEAKS.stream().filter(records -> !records.contains(CANARY)).toList());
    }

    private static void leakCanary() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
        leaked.touch(CANARY);
    }
}
