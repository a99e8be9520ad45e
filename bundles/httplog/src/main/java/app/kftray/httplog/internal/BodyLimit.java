package app.kftray.httplog.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * How many body bytes to keep of a message, decided from its head: none unless bodies are logged,
 * only the hex preview of a body that is binary by its type and sent without content encoding
 * (the rest would never be shown), otherwise up to the configured limit.
 */
final class BodyLimit {
    private final LogPolicy policy;
    private final int maxBodyBytes;
    private final int hexPreviewBytes;

    BodyLimit(HttpLogSettings settings, LogPolicy policy) {
        this.policy = policy;
        this.maxBodyBytes = settings.maxBodyBytes();
        this.hexPreviewBytes = settings.hexPreviewBytes();
    }

    /** @return body bytes to keep of the message with these headers */
    int of(HttpHeaders headers) {
        if (policy.verbosity() != Verbosity.BODIES) {
            return 0;
        }
        boolean identity = BodyRenderer.isIdentity(headers.get(HttpHeaderNames.CONTENT_ENCODING));
        return identity && BodyRenderer.isBinaryType(headers.get(HttpHeaderNames.CONTENT_TYPE))
                ? Math.min(hexPreviewBytes, maxBodyBytes) : maxBodyBytes;
    }
}
