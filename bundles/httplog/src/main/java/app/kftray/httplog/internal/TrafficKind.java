package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** What a connection carries, judged from its first bytes. */
enum TrafficKind {
    /** Not decided yet: too few bytes. */
    UNDECIDED,
    /** HTTP/1.x: logged. */
    HTTP1,
    /** HTTP/2 with prior knowledge: noted, not parsed. */
    HTTP2,
    /** A TLS handshake: encrypted, cannot be parsed. */
    TLS,
    /** Anything else: noted, not parsed. */
    OTHER;

    /** Bytes needed to tell everything apart: the HTTP/2 client preface start "PRI * HTTP/2.0". */
    static final int DECISIVE_BYTES = 14;
    private static final byte[] H2_PREFACE = "PRI * HTTP/2.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "HTTP/".getBytes(StandardCharsets.US_ASCII);
    private static final int LONGEST_METHOD = 20;

    /**
     * @param first      the first bytes the connection carried in one direction
     * @param fromClient whether the client sent them (a server speaking first is not HTTP)
     * @return the kind, or UNDECIDED while more bytes are needed
     */
    static TrafficKind classify(ByteBuf first, boolean fromClient) {
        int readable = first.readableBytes();
        if (readable == 0) {
            return UNDECIDED;
        }
        int start = first.readerIndex();
        if (!fromClient) {
            return startsWith(first, RESPONSE);
        }
        if (first.getByte(start) == 0x16 && (readable < 2 || first.getByte(start + 1) == 0x03)) {
            return readable < 2 ? UNDECIDED : TLS;
        }
        if (startsWith(first, H2_PREFACE) != OTHER) {
            return readable < H2_PREFACE.length ? UNDECIDED : HTTP2;
        }
        for (int i = 0; i < Math.min(readable, LONGEST_METHOD + 1); i++) {
            byte b = first.getByte(start + i);
            if (b == ' ') {
                return i > 0 ? HTTP1 : OTHER;
            }
            boolean letter = b >= 'A' && b <= 'Z';
            // extension methods such as M-SEARCH join words, never start with a joiner
            boolean joiner = i > 0 && (b == '-' || b == '_');
            if (!letter && !joiner) {
                return OTHER;
            }
        }
        return readable > LONGEST_METHOD ? OTHER : UNDECIDED;
    }

    /** @return a short hex dump of the first bytes, for notices */
    static String preview(ByteBuf first) {
        int length = Math.min(16, first.readableBytes());
        return ByteBufUtil.hexDump(first, first.readerIndex(), length);
    }

    private static TrafficKind startsWith(ByteBuf buf, byte[] prefix) {
        int length = Math.min(buf.readableBytes(), prefix.length);
        for (int i = 0; i < length; i++) {
            if (buf.getByte(buf.readerIndex() + i) != prefix[i]) {
                return OTHER;
            }
        }
        return length < prefix.length ? UNDECIDED : HTTP1;
    }
}
