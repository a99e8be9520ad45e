package app.kftray.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeRoutesTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<String> waiting = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ProbeRoutes(registry, () -> List.copyOf(waiting)));

    @Test
    void metricsAreInThePrometheusTextFormat() {
        Counter.builder().name("kftray_test_events").help("events").labelNames("alias").register(registry)
                .labelValues("we\"b").inc(3);
        FullHttpResponse response = get(HttpMethod.GET, "/metrics?x=1");
        assertEquals(200, response.status().code());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        String body = text(response);
        assertTrue(body.contains("# TYPE kftray_test_events_total counter\n"), body);
        assertTrue(body.contains("kftray_test_events_total{alias=\"we\\\"b\"} 3.0\n"), body);
    }

    @Test
    void readinessNamesTheForwardsItWaitsFor() {
        assertEquals("ready\n", text(get(HttpMethod.GET, "/readyz")));
        waiting.add("'web' is RECONNECTING: pod gone");
        FullHttpResponse response = get(HttpMethod.GET, "/readyz");
        assertEquals(503, response.status().code());
        assertEquals("not ready: 'web' is RECONNECTING: pod gone\n", text(response));
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        assertEquals(200, get(HttpMethod.GET, "/healthz").status().code());
        assertEquals(404, get(HttpMethod.GET, "/").status().code());
        FullHttpResponse post = get(HttpMethod.POST, "/metrics");
        assertEquals(405, post.status().code());
        assertEquals("GET, HEAD", post.headers().get(HttpHeaderNames.ALLOW));
        FullHttpResponse head = get(HttpMethod.HEAD, "/healthz");
        assertEquals(200, head.status().code());
        assertEquals(0, head.content().readableBytes());
    }

    private FullHttpResponse get(HttpMethod method, String uri) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        FullHttpResponse response = channel.readOutbound();
        return response;
    }

    private static String text(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }
}
