package app.kftray.httplog.internal;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/** One decoded request or response as it is being received: its head, wire sizes, times and body. */
final class CapturedMessage {
    private final HttpMessage head;
    private final long startNanos;
    private final long headerBytes;
    private final BodyCapture body;
    private long bodyBytes;
    private long endNanos;
    private boolean complete;

    CapturedMessage(HttpMessage head, long startNanos, long headerBytes, int bodyLimit) {
        this.head = head;
        this.startNanos = startNanos;
        this.headerBytes = headerBytes;
        this.body = new BodyCapture(bodyLimit);
        this.endNanos = startNanos;
    }

    HttpMessage head() {
        return head;
    }

    /** @return the request line or status line as sent */
    String startLine() {
        if (head instanceof HttpRequest request) {
            return request.method() + " " + request.uri() + " " + request.protocolVersion();
        }
        return head.protocolVersion() + " " + ((HttpResponse) head).status();
    }

    /** @return the status code, 0 for a request */
    int status() {
        return head instanceof HttpResponse response ? response.status().code() : 0;
    }

    void addBody(io.netty.buffer.ByteBuf content, long wireBytes, long nanos) {
        body.append(content);
        bodyBytes += wireBytes;
        endNanos = nanos;
    }

    void complete(long nanos) {
        complete = true;
        endNanos = nanos;
    }

    boolean isComplete() {
        return complete;
    }

    long startNanos() {
        return startNanos;
    }

    long endNanos() {
        return endNanos;
    }

    long headerBytes() {
        return headerBytes;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    BodyCapture body() {
        return body;
    }
}
