package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a captured body into what the log shows: decoded text, or size and a hex preview. */
final class BodyRenderer {
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");
    private static final Pattern BINARY_TYPES = Pattern.compile(
            "(image|audio|video|font)/.*|application/(octet-stream|zip|gzip|pdf|protobuf|x-protobuf|grpc.*|wasm)");
    /** Characters looked at to tell text from binary: enough to judge, bounded for big bodies. */
    private static final int SNIFFED_CHARS = 4096;

    /**
     * @param format       text or binary (NONE for an empty body)
     * @param text         the text, or the hex preview
     * @param decodedBytes size after content decoding, -1 if unknown
     * @param truncated    whether {@code text} covers only the start of the body
     * @param note         what went wrong while decoding, or {@code null}
     */
    record Rendered(BodyFormat format, String text, long decodedBytes, boolean truncated, String note) {
    }

    private final int limit;
    private final int hexPreviewBytes;

    BodyRenderer(int limit, int hexPreviewBytes) {
        this.limit = limit;
        this.hexPreviewBytes = hexPreviewBytes;
    }

    /** @return the decoded size of a body whose bytes were not kept (summary and header verbosity) */
    static long sizeOnly(BodyCapture body, HttpHeaders headers) {
        return isIdentity(headers.get(HttpHeaderNames.CONTENT_ENCODING)) ? body.total() : -1;
    }

    /** @return whether a Content-Encoding value (possibly absent) leaves the body as it is */
    static boolean isIdentity(String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank()
                || "identity".equalsIgnoreCase(contentEncoding.trim());
    }

    /** @return whether a Content-Type value (possibly absent) names a type that is never shown as text */
    static boolean isBinaryType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return BINARY_TYPES.matcher(type.toLowerCase(Locale.ROOT)).matches();
    }

    Rendered render(BodyCapture body, HttpHeaders headers) {
        if (body.total() == 0) {
            return new Rendered(BodyFormat.NONE, null, 0, false, null);
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING, "").trim();
        byte[] bytes = body.kept();
        if (isIdentity(encoding)) {
            return show(bytes, contentType, body.total(), body.truncated(), null);
        }
        ZlibWrapper wrapper = ContentDecoding.wrapperFor(encoding);
        if (wrapper == null) {
            return binary(bytes, -1, body.truncated(), "content-encoding '" + encoding + "' is not decoded");
        }
        try {
            ContentDecoding.Decoded decoded = ContentDecoding.decode(bytes, wrapper, limit);
            if (!decoded.complete() && !body.truncated()) {
                return binary(bytes, -1, false, encoding + " body ends early; raw bytes shown");
            }
            long size = body.truncated() ? -1 : decoded.total();
            return show(decoded.output().kept(), contentType, size,
                    body.truncated() || decoded.output().truncated(), null);
        } catch (RuntimeException e) {
            return binary(bytes, -1, body.truncated(),
                    encoding + " body could not be decoded (" + e.getMessage() + "); raw bytes shown");
        }
    }

    private Rendered show(byte[] bytes, String contentType, long decodedBytes, boolean truncated, String note) {
        String text = isBinaryType(contentType) ? null : asText(bytes, charsetOf(contentType), truncated);
        return text == null ? binary(bytes, decodedBytes, truncated, note)
                : new Rendered(BodyFormat.TEXT, text, decodedBytes, truncated, note);
    }

    private Rendered binary(byte[] bytes, long decodedBytes, boolean truncated, String note) {
        int shown = Math.min(bytes.length, hexPreviewBytes);
        return new Rendered(BodyFormat.BINARY, ByteBufUtil.hexDump(bytes, 0, shown), decodedBytes,
                truncated || shown < bytes.length, note);
    }

    private static Charset charsetOf(String contentType) {
        Matcher matcher = CHARSET.matcher(contentType);
        try {
            return matcher.find() ? Charset.forName(matcher.group(1)) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** @return the text, or {@code null} when the bytes do not look like text in that charset */
    private static String asText(byte[] bytes, Charset charset, boolean truncated) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // a body cut at the limit may end inside a character: not an error then
        var result = decoder.decode(in, chars, !truncated);
        if (result.isError() || !truncated && in.hasRemaining()) {
            return null;
        }
        chars.flip();
        return looksLikeText(chars.array(), Math.min(chars.length(), SNIFFED_CHARS)) ? chars.toString() : null;
    }

    /** Judges by the first characters only: a text body does not turn binary later on. */
    private static boolean looksLikeText(char[] chars, int length) {
        int control = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f) {
                control++;
            }
        }
        return control * 100 <= length;
    }
}
