package app.kftray.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DNS probe against a real dnsmasq, and against a scripted server that answers wrongly. */
class DnsProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void resolvesTheRecordsOfARealDnsmasqAndNothingElse() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start(Map.of("one.probe.test", "10.9.8.7", "two.probe.test", "10.9.8.6"));
             DnsProbe probe = new DnsProbe(dns.address(), Duration.ofSeconds(2))) {
            assertEquals(Optional.of("10.9.8.7"), probe.query("one.probe.test", 1));
            assertEquals(Optional.of("10.9.8.6"), probe.query("two.probe.test", 2));
            assertEquals(Optional.of(""), probe.query("unknown.probe.test", 3), "an answer without an A record");
        }
    }

    @Test
    void aReplyToAnotherQueryIsReportedAsAMixUp() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DnsProbe probe = new DnsProbe(address(server), TIMEOUT)) {
            Thread answerer = answerWithId(server, 999);
            IllegalStateException mixUp = assertThrows(IllegalStateException.class,
                    () -> probe.query("mine.probe.test", 5));
            assertTrue(mixUp.getMessage().contains("999"), mixUp.getMessage());
            answerer.join(2000);
        }
    }

    @Test
    void aLateReplyToItsOwnTimedOutQueryIsSkipped() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DnsProbe probe = new DnsProbe(address(server), TIMEOUT)) {
            List<DatagramPacket> held = new ArrayList<>();
            Thread late = new Thread(() -> {
                try {
                    held.add(receive(server));          // query 1: not answered in time
                    DatagramPacket second = receive(server);
                    server.send(echoTo(held.get(0)));   // its late reply comes first...
                    server.send(echoTo(second));        // ...then the reply to query 2
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            late.start();
            assertEquals(Optional.empty(), probe.query("slow.probe.test", 1));
            assertEquals(Optional.of(""), probe.query("slow.probe.test", 2));
            late.join(2000);
        }
    }

    private static Thread answerWithId(DatagramSocket server, int id) {
        Thread thread = new Thread(() -> {
            try {
                DatagramPacket query = receive(server);
                DatagramPacket reply = echoTo(query);
                reply.getData()[0] = (byte) (id >> 8);
                reply.getData()[1] = (byte) id;
                server.send(reply);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private static DatagramPacket receive(DatagramSocket server) throws Exception {
        server.setSoTimeout(5000);
        DatagramPacket query = new DatagramPacket(new byte[512], 512);
        server.receive(query);
        return query;
    }

    /** The query sent back as a reply with no answers: same id and question. */
    private static DatagramPacket echoTo(DatagramPacket query) {
        byte[] reply = Arrays.copyOf(query.getData(), query.getLength());
        reply[2] |= (byte) 0x80;
        return new DatagramPacket(reply, reply.length, query.getSocketAddress());
    }

    private static InetSocketAddress address(DatagramSocket server) {
        return new InetSocketAddress(server.getLocalAddress(), server.getLocalPort());
    }
}
