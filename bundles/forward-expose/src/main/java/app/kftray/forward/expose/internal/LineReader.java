package app.kftray.forward.expose.internal;

import app.kftray.relay.protocol.ReverseMessage;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the relay's signalling lines out of a pod stream's bytes (which a port-forward delivers in any
 * pieces); a line longer than {@link ReverseMessage#MAX_LINE_BYTES} is an error. Not thread-safe.
 */
final class LineReader {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * Reads lines from {@code data} until {@code wanted} are complete or the data ends.
     *
     * @param data   bytes from the relay; read up to the end of the last wanted line, the rest left in it
     * @param wanted how many lines to take at most
     * @return the complete lines, without their delimiter
     * @throws TooLongFrameException if a line is too long
     */
    List<ReverseMessage> read(ByteBuf data, int wanted) {
        List<ReverseMessage> lines = new ArrayList<>();
        while (data.isReadable() && lines.size() < wanted) {
            byte b = data.readByte();
            if (b == '\n') {
                lines.add(ReverseMessage.parse(line.toString(StandardCharsets.US_ASCII)));
                line.reset();
            } else if (line.size() >= ReverseMessage.MAX_LINE_BYTES) {
                throw new TooLongFrameException("a line from the relay is longer than " + ReverseMessage.MAX_LINE_BYTES
                        + " bytes");
            } else {
                line.write(b);
            }
        }
        return lines;
    }
}
