package app.kftray.forward.udp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A local UDP peer of the forward: a plain socket on its own loopback port. */
final class UdpClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress forward;

    UdpClient(InetSocketAddress forward) {
        this.forward = forward;
        try {
            // the forward's own loopback address: 127.0.0.1 or ::1
            socket = new DatagramSocket(new InetSocketAddress(forward.getAddress(), 0));
            socket.setSoTimeout(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, forward));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next datagram's text, or empty if none came within the socket timeout */
    Optional<String> receive() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return Optional.of(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends and waits for a reply, retrying on loss (UDP may drop under load). */
    String ask(String text) {
        for (int attempt = 0; attempt < 3; attempt++) {
            send(text);
            Optional<String> reply = receive();
            if (reply.isPresent()) {
                return reply.get();
            }
        }
        throw new AssertionError("no reply to '" + text + "' after 3 attempts");
    }

    void timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
