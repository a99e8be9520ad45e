package app.kftray.relay.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts one connection and writes up to {@code limit} bytes into it as fast as the
 * connection takes them, counting what it got rid of. A blocked writer means backpressure
 * reached the source.
 */
public final class FirehoseServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile Socket connection;

    public FirehoseServer(long limit) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        writer = new Thread(() -> pump(limit), "firehose");
        writer.setDaemon(true);
        writer.start();
    }

    private void pump(long limit) {
        byte[] chunk = new byte[64 * 1024];
        try (Socket socket = server.accept()) {
            connection = socket;
            OutputStream out = socket.getOutputStream();
            while (written.get() < limit) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** @return bytes handed to the connection so far */
    public long written() {
        return written.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = connection;
        if (socket != null) {
            socket.close();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
