package app.kftray.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A minimal DNS client for tests and benchmarks: one A query per datagram, checked against its
 * transaction id and question, so a reply meant for another client or query is recognised.
 */
public final class DnsProbe implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] buffer = new byte[1500];
    private Sent timedOut;

    /** @param server where queries go (a DNS server or a UDP forward to one) */
    public DnsProbe(InetSocketAddress server, Duration timeout) {
        this.server = server;
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One query with its own socket: the first A record of {@code name}, empty if no valid answer came. */
    public static Optional<String> resolve(InetSocketAddress server, String name, Duration timeout) {
        try (DnsProbe probe = new DnsProbe(server, timeout)) {
            return probe.query(name, 1);
        }
    }

    /**
     * Sends an A query and waits for the reply with the same id and name. A late reply to this
     * probe's previous query, which timed out, is skipped: it is no mix-up.
     *
     * @param name the host name
     * @param id   transaction id (0..65535)
     * @return the first IPv4 address of the answer, empty on timeout
     * @throws IllegalStateException if a reply arrives for another id or name (a mix-up)
     */
    public Optional<String> query(String name, int id) {
        byte[] query = encode(name, id);
        try {
            socket.send(new DatagramPacket(query, query.length, server));
            while (true) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                Reply parsed = Reply.parse(ByteBuffer.wrap(reply.getData(), 0, reply.getLength()));
                if (parsed.answers(id, name)) {
                    timedOut = null;
                    return Optional.of(parsed.address());
                }
                if (timedOut == null || !parsed.answers(timedOut.id(), timedOut.name())) {
                    throw new IllegalStateException("reply for id " + parsed.id() + " '" + parsed.question()
                            + "' to query " + id + " '" + name + "'");
                }
            }
        } catch (SocketTimeoutException e) {
            timedOut = new Sent(id, name);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    private static byte[] encode(String name, int id) {
        ByteBuffer out = ByteBuffer.allocate(512);
        out.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        writeName(out, name);
        out.putShort((short) 1).putShort((short) 1);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private static void writeName(ByteBuffer out, String name) {
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.put((byte) bytes.length).put(bytes);
        }
        out.put((byte) 0);
    }

    /** A query that went unanswered in time, whose reply may still arrive. */
    private record Sent(int id, String name) {
    }

    /** The parts of a reply a probe checks: its id, its question, its first A record ("" if none). */
    private record Reply(int id, String question, String address) {
        boolean answers(int queryId, String name) {
            return id == queryId && question.equalsIgnoreCase(name);
        }

        static Reply parse(ByteBuffer in) {
            int id = Short.toUnsignedInt(in.getShort());
            in.getShort();
            int questions = Short.toUnsignedInt(in.getShort());
            int answers = Short.toUnsignedInt(in.getShort());
            in.position(12);
            String question = questions == 1 ? readName(in) : "";
            in.position(in.position() + 4);
            for (int i = 0; i < answers; i++) {
                skipName(in);
                int type = Short.toUnsignedInt(in.getShort());
                in.position(in.position() + 6);
                int length = Short.toUnsignedInt(in.getShort());
                if (type == 1 && length == 4) {
                    return new Reply(id, question, (in.get() & 0xff) + "." + (in.get() & 0xff) + "."
                            + (in.get() & 0xff) + "." + (in.get() & 0xff));
                }
                in.position(in.position() + length);
            }
            return new Reply(id, question, "");
        }
    }

    private static String readName(ByteBuffer in) {
        StringBuilder name = new StringBuilder();
        for (int length = in.get() & 0xff; length > 0; length = in.get() & 0xff) {
            byte[] label = new byte[length];
            in.get(label);
            name.append(name.length() == 0 ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        return name.toString();
    }

    private static void skipName(ByteBuffer in) {
        while (true) {
            int length = in.get() & 0xff;
            if (length == 0) {
                return;
            }
            if ((length & 0xc0) == 0xc0) {
                in.get();
                return;
            }
            in.position(in.position() + length);
        }
    }
}
