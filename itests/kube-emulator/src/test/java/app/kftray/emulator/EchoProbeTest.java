package app.kftray.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe checks every byte of the echo, across the pattern's wrap, and names the first that differs. */
class EchoProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Echoes one connection, flipping the byte at {@code corruptAt} (none when negative). */
    private static InetSocketAddress echoOnce(ServerSocket server, long corruptAt) {
        Thread t = new Thread(() -> {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                 OutputStream out = socket.getOutputStream()) {
                byte[] buffer = new byte[8192];
                long offset = 0;
                for (int n; (n = in.read(buffer)) > 0; offset += n) {
                    if (corruptAt >= offset && corruptAt < offset + n) {
                        buffer[(int) (corruptAt - offset)] ^= 1;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // the probe closed first
            }
        });
        t.setDaemon(true);
        t.start();
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    @Test
    void anIntactEchoPassesAcrossThePatternsWrap() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EchoProbe.Result result = EchoProbe.roundTrip(echoOnce(server, -1), 3L << 20, 7, TIMEOUT);
            assertEquals(3L << 20, result.bytes());
        }
    }

    @Test
    void aChangedByteIsNamedByItsOffset() throws Exception {
        long corrupt = 1_048_573L + 11; // just past the first wrap of the pattern
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException differs = assertThrows(IOException.class,
                    () -> EchoProbe.roundTrip(echoOnce(server, corrupt), 2L << 20, 0, TIMEOUT));
            assertEquals("echo differs at byte " + corrupt, differs.getMessage());
        }
    }
}
