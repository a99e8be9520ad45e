package app.kftray.relay.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking client of the relay's UDP mode that writes and reads the framing by hand
 * ({@code DataOutputStream.writeInt} is big-endian), independently of the codec under test.
 */
public final class FrameClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    /** Connects with a 5 s read timeout. */
    public FrameClient(InetSocketAddress relay) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(relay, 5_000);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends one frame carrying {@code payload}. */
    public void send(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** Sends one frame carrying a text datagram. */
    public void send(String payload) throws IOException {
        send(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes, framing or not. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** @return the next frame's payload; fails on timeout or end of stream */
    public byte[] receive() throws IOException {
        int length = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** @return the next frame's payload as text */
    public String receiveText() throws IOException {
        return new String(receive(), StandardCharsets.UTF_8);
    }

    /** @param millis read timeout for the following reads */
    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** @return true if the relay closed the stream (end of stream or reset) before the read timeout */
    public boolean closedByRelay() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever was in flight before the close
            }
            return true;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Ends the sending side only (TCP half-close). */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
