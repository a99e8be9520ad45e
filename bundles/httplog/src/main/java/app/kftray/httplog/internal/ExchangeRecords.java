package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import app.kftray.api.model.HttpExchangeRecord.Kind;
import app.kftray.api.model.HttpExchangeRecord.Message;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds log entries from received exchanges, applying verbosity, masking and body rendering. */
final class ExchangeRecords {
    private final LogPolicy policy;
    private final HeaderMasker masker;
    private final TargetMasker targets;
    private final BodyMasker bodies;
    private final BodyRenderer renderer;
    private final TimeBase time;

    ExchangeRecords(HttpLogSettings settings, LogPolicy policy, TimeBase time) {
        this.policy = policy;
        SecretNames names = new SecretNames(settings.maskSensitive(), settings.maskedHeaders());
        this.masker = new HeaderMasker(names);
        this.targets = new TargetMasker(names);
        this.bodies = new BodyMasker(names);
        this.renderer = new BodyRenderer(settings.maxBodyBytes(), settings.hexPreviewBytes());
        this.time = time;
    }

    HttpExchangeRecord exchange(String forward, String connectionId, Exchange exchange) {
        CapturedMessage request = exchange.request();
        CapturedMessage response = exchange.response();
        List<String> notes = new ArrayList<>(exchange.notes());
        HttpRequest head = request == null ? null : (HttpRequest) request.head();
        String traceId = TraceIds.pick(head == null ? null : head.headers(),
                response == null ? null : response.head().headers());
        long startNanos = request != null ? request.startNanos() : response.startNanos();
        long endNanos = Math.max(request == null ? 0 : request.endNanos(), response == null ? 0 : response.endNanos());
        return new HttpExchangeRecord(Kind.EXCHANGE, traceId, forward, connectionId, exchange.sequence(),
                time.toInstant(startNanos), response == null ? null : time.toInstant(response.startNanos()),
                time.toInstant(endNanos),
                head == null ? null : head.method().name(), head == null ? null : targets.mask(head.uri()),
                response == null ? 0 : response.status(),
                message(request, "request", notes), message(response, "response", notes), notes);
    }

    HttpExchangeRecord notice(String forward, String connectionId, String text, long nanos) {
        return new HttpExchangeRecord(Kind.NOTICE, TraceIds.random(), forward, connectionId, 0,
                null, null, time.toInstant(nanos), null, null, 0, null, null, List.of(text));
    }

    private Message message(CapturedMessage captured, String side, List<String> notes) {
        if (captured == null) {
            return null;
        }
        HttpHeaders headers = captured.head().headers();
        Verbosity verbosity = policy.verbosity();
        var logged = verbosity == Verbosity.SUMMARY ? List.<HttpExchangeRecord.Header>of() : masker.mask(headers);
        String startLine = startLine(captured);
        // bodies captured before the level went down to headers are not shown either
        if (verbosity != Verbosity.BODIES) {
            return new Message(startLine, logged, captured.headerBytes(), captured.bodyBytes(),
                    BodyRenderer.sizeOnly(captured.body(), headers), BodyFormat.NONE, null, false);
        }
        BodyRenderer.Rendered body = renderer.render(captured.body(), headers);
        if (body.note() != null) {
            notes.add(side + " " + body.note());
        }
        String text = body.format() == BodyFormat.TEXT
                ? bodies.mask(body.text(), headers.get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT))
                : body.text();
        return new Message(startLine, logged, captured.headerBytes(), captured.bodyBytes(),
                body.decodedBytes(), body.format(), text, body.truncated());
    }

    private String startLine(CapturedMessage captured) {
        if (captured.head() instanceof HttpRequest request) {
            return request.method() + " " + targets.mask(request.uri()) + " " + request.protocolVersion();
        }
        return captured.startLine();
    }
}
