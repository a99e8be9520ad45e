package app.kftray.helper.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A plain caller of the helper: sends bytes, reads the answer until the helper closes. */
final class HelperClient {
    private final Path socket;

    HelperClient(Path socket) {
        this.socket = socket;
    }

    /** Sends one request line and returns the answer line. */
    String request(String json) throws IOException {
        return exchange((json + "\n").getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * @param bytes         what to send, as is
     * @param endAfterwards whether to close the sending side after it
     * @return the answer, without its newline
     */
    String exchange(byte[] bytes, boolean endAfterwards) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(bytes);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            if (endAfterwards) {
                channel.shutdownOutput();
            }
            return readToEnd(channel);
        }
    }

    static String readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (channel.read(in) >= 0) {
            answer.write(in.array(), 0, in.position());
            in.clear();
        }
        return answer.toString(StandardCharsets.UTF_8).strip();
    }
}
