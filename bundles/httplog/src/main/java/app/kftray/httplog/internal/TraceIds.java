package app.kftray.httplog.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Picks the trace id of an exchange: the caller's own when it sent one, otherwise a new UUID. */
final class TraceIds {
    private static final Pattern TRACEPARENT = Pattern.compile(
            "[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");
    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final String NO_TRACE = "00000000000000000000000000000000";

    private TraceIds() {
    }

    /**
     * @param first  headers to look in first (the request's), may be {@code null}
     * @param second headers to look in next (the response's), may be {@code null}
     * @return the W3C {@code traceparent} trace id, else {@code x-request-id}, else a random UUID
     */
    static String pick(HttpHeaders first, HttpHeaders second) {
        String found = fromHeaders(first);
        if (found == null) {
            found = fromHeaders(second);
        }
        return found != null ? found : random();
    }

    /**
     * @return a random (version 4) UUID; ids only need to be unique, so it is drawn from a fast
     *         generator rather than the secure one of {@link UUID#randomUUID()}
     */
    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xCL << 60) | (0x8L << 60);
        return new UUID(high, low).toString();
    }

    private static String fromHeaders(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        String traceparent = headers.get("traceparent");
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches() && !NO_TRACE.equals(matcher.group(1))) {
                return matcher.group(1);
            }
        }
        String requestId = headers.get("x-request-id");
        return requestId != null && REQUEST_ID.matcher(requestId.trim()).matches() ? requestId.trim() : null;
    }
}
