package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Decodes both directions of one HTTP/1.x connection and pairs each response with the oldest
 * request still waiting for one (HTTP/1.1 answers in order, also when pipelined). Exchanges are
 * handed out in request order once both sides are complete.
 */
final class ExchangeCorrelator {
    private final HttpStream requests;
    private final HttpStream responses;
    private final Consumer<Exchange> output;
    private final ArrayDeque<Exchange> awaitingResponse = new ArrayDeque<>();
    private final ArrayDeque<Exchange> unwritten = new ArrayDeque<>();
    private long sequence;
    private String stopReason;
    private boolean malformed;
    private boolean stopAnnounced;

    ExchangeCorrelator(HttpLogSettings settings, LogPolicy policy, Consumer<Exchange> output) {
        this.output = output;
        HttpDecoderConfig config = new HttpDecoderConfig().setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxInitialLineLength(settings.maxHeaderBytes()).setMaxChunkSize(64 * 1024)
                .setValidateHeaders(false);
        BodyLimit bodyLimit = new BodyLimit(settings, policy);
        WireMeter requestMeter = new WireMeter();
        WireMeter responseMeter = new WireMeter();
        requests = new HttpStream(requestMeter, new MeteredRequestDecoder(config, requestMeter), bodyLimit,
                new RequestSide());
        responses = new HttpStream(responseMeter, new MeteredResponseDecoder(config, responseMeter,
                this::awaitedMethod), bodyLimit, new ResponseSide());
    }

    void feed(Direction direction, ByteBuf bytes, long nanos) {
        (direction == Direction.CLIENT ? requests : responses).feed(bytes, nanos);
    }

    /**
     * @return why the rest of the connection cannot be parsed (a protocol switch or malformed bytes),
     *         or {@code null} while parsing goes on
     */
    String stopReason() {
        return stopReason;
    }

    /** @return whether parsing stopped because bytes were not valid HTTP (rather than a protocol switch) */
    boolean isMalformed() {
        return malformed;
    }

    /** @return whether a message is partly received, so the connection holds state that may expire */
    boolean hasPartialState() {
        return requests.hasPartialMessage() || responses.hasPartialMessage() || !unwritten.isEmpty();
    }

    /** The connection closed: completes what the close completes, writes the rest as unfinished. */
    void finish() {
        requests.finish();
        responses.finish();
        flushUnwritten("connection closed");
    }

    /** Parsing stops: writes what is pending as unfinished and frees the decoders. */
    void abandon(String because) {
        stopAnnounced = true;
        flushUnwritten(because);
        requests.finish();
        responses.finish();
    }

    private void flushUnwritten(String because) {
        while (!unwritten.isEmpty()) {
            Exchange exchange = unwritten.poll();
            if (!exchange.isDone()) {
                exchange.noteMissing(because);
            }
            output.accept(exchange);
        }
        awaitingResponse.clear();
    }

    private HttpMethod awaitedMethod() {
        Exchange next = awaitingResponse.peek();
        return next == null ? null : ((HttpRequest) next.request().head()).method();
    }

    private void writeDone() {
        while (!unwritten.isEmpty() && unwritten.peek().isDone()) {
            output.accept(unwritten.poll());
        }
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** What both directions do alike: write finished exchanges, stop on malformed bytes. */
    private abstract class Side implements HttpStream.Listener {
        private final String name;

        Side(String name) {
            this.name = name;
        }

        @Override
        public void onComplete(CapturedMessage message) {
            writeDone();
        }

        @Override
        public void onMalformed(String problem) {
            malformed = stopReason == null;
            stop("could not parse the " + name + ": " + problem);
        }
    }

    private final class RequestSide extends Side {
        RequestSide() {
            super("request");
        }

        @Override
        public void onHead(CapturedMessage message) {
            if (stopAnnounced) {
                return;
            }
            Exchange exchange = new Exchange(++sequence, message);
            awaitingResponse.add(exchange);
            unwritten.add(exchange);
        }
    }

    private final class ResponseSide extends Side {
        ResponseSide() {
            super("response");
        }

        @Override
        public void onHead(CapturedMessage message) {
            if (stopAnnounced) {
                return;
            }
            int status = message.status();
            boolean interim = status / 100 == 1 && status != 101;
            Exchange exchange = interim ? awaitingResponse.peek() : awaitingResponse.poll();
            if (interim) {
                if (exchange != null) {
                    exchange.note("interim response " + message.startLine());
                }
                return;
            }
            if (exchange == null) {
                exchange = new Exchange(++sequence, null);
                exchange.note("response without a request");
                unwritten.add(exchange);
            }
            exchange.response(message);
            noteProtocolSwitch(exchange, message);
        }

        private void noteProtocolSwitch(Exchange exchange, CapturedMessage response) {
            boolean connect = exchange.request() != null
                    && HttpMethod.CONNECT.equals(((HttpRequest) exchange.request().head()).method());
            if (response.status() == 101) {
                String protocol = response.head().headers().get(HttpHeaderNames.UPGRADE, "another protocol");
                String reason = "switched protocols to " + protocol + "; the rest of the connection is not logged";
                exchange.note(reason);
                stop(reason);
            } else if (connect && response.status() / 100 == 2) {
                String reason = "tunnel established; the rest of the connection is not logged";
                exchange.note(reason);
                stop(reason);
            }
        }
    }
}
