package app.kftray.itests.relay;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.RelayManager;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.DnsProbe;
import app.kftray.itests.forward.ForwardTestSupport;
import app.kftray.itests.relay.fixture.RelayWorld;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A UDP forward whose relay cannot be reached does not pretend to run: its flows keep failing, so it
 * becomes DEGRADED with the cause in its stored state (what {@code kftray status}, the tray and the TUI
 * show). The relays of the emulated cluster are stopped under a running forward.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UnreachableRelayIT extends ForwardTestSupport {
    /** Only catches hangs; the goal (5 s) is printed, not asserted. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Not called: injecting it makes the test wait until the relay bundle's service is up. */
    @Inject
    private RelayManager relays;

    @AfterClass
    public static void stopWorld() {
        RelayWorld.shutdown();
    }

    @Test
    public void aUdpForwardWhoseRelayIsGoneBecomesDegradedWithTheCause() throws Exception {
        ForwardConfig config = configs.create(ForwardConfig.builder()
                .alias("dns-" + UUID.randomUUID().toString().substring(0, 8))
                .kubeconfig(RelayWorld.get().kubeconfig().toString())
                .context(RelayWorld.get().emulator().contextName())
                .namespace(RelayWorld.NAMESPACE).localPort(0)
                .workloadType(WorkloadType.SERVICE).service("dns").remotePort("53").protocol("udp").build());
        InetSocketAddress local = startRunning(config.id());
        assertEquals(Optional.of("10.1.2.3"), DnsProbe.resolve(local, "test.kftray", Duration.ofSeconds(10)));

        RelayWorld.get().relays().close(); // the relay pod stays; nothing answers on its port any more
        long stopped = System.nanoTime();
        ForwardState state = forwards.status(config.id());
        try (DatagramSocket peer = new DatagramSocket()) {
            byte[] datagram = "are you there?".getBytes(StandardCharsets.UTF_8);
            while (state.status() != ForwardStatus.DEGRADED && System.nanoTime() - stopped < BOUND.toNanos()) {
                peer.send(new DatagramPacket(datagram, datagram.length, local));
                Thread.sleep(200);
                state = states.get(config.id()).orElseThrow();
            }
        }
        long millis = (System.nanoTime() - stopped) / 1_000_000;
        System.out.printf(Locale.ROOT, "unreachable udp relay: DEGRADED %d ms after the relay stopped "
                + "(goal <= 5000 ms), one datagram every 200 ms; last error: %s%n", millis, state.lastError());
        assertEquals("the stored state: " + state.lastError(), ForwardStatus.DEGRADED, state.status());
        assertTrue("the error says what failed: " + state.lastError(), state.lastError() != null
                && state.lastError().contains("relay") && state.lastError().contains("connection refused"));
        assertTrue("still listening and trying", forwards.status(config.id()).status().isActive());
    }
}
