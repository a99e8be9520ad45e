package app.kftray.ui.swt.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Sends a {@link ReplayRequest} through a running forward's local socket (HTTP/1.1) and renders
 * the response the way the log shows one. Blocks; call it off the UI thread.
 */
final class Replayer {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param request   what to send
     * @param authority {@code host:port} the forward listens on
     * @return the response as text, or one line saying why there is none
     */
    String send(ReplayRequest request, String authority) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url(authority))).timeout(TIMEOUT)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(h -> builder.header(h.name(), h.value()));
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            return "Replay failed: nothing accepts connections on " + authority + " (" + e.getMessage() + ")";
        } catch (HttpTimeoutException e) {
            return "Replay failed: no answer within " + TIMEOUT.toSeconds() + " s from " + authority;
        } catch (IOException e) {
            return "Replay failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Replay interrupted";
        }
        return render(request, response);
    }

    private static String render(ReplayRequest request, HttpResponse<byte[]> response) {
        StringBuilder text = new StringBuilder("Replayed ").append(request.method()).append(' ')
                .append(request.target()).append('\n');
        if (!request.leftOut().isEmpty()) {
            text.append("Not sent: ").append(String.join(", ", request.leftOut())).append('\n');
        }
        text.append('\n').append("HTTP/1.1 ").append(response.statusCode()).append('\n');
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            header.getValue().forEach(v -> text.append(header.getKey()).append(": ").append(v).append('\n'));
        }
        text.append('\n');
        byte[] body = decoded(response);
        String type = response.headers().firstValue("content-type").orElse(null);
        if (body.length == 0) {
            text.append("(no body)");
        } else if (isText(body)) {
            text.append(BodyText.pretty(type, new String(body, StandardCharsets.UTF_8)));
        } else {
            text.append("(binary, ").append(body.length).append(" bytes)\n")
                    .append(BodyText.hexRows(java.util.Arrays.copyOf(body, Math.min(body.length, 512))));
        }
        return text.toString();
    }

    private static byte[] decoded(HttpResponse<byte[]> response) {
        if (!response.headers().firstValue("content-encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false)) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the gzip response body is corrupt: " + e.getMessage(), e);
        }
    }

    private static boolean isText(byte[] body) {
        int sample = Math.min(body.length, 4096);
        for (int i = 0; i < sample; i++) {
            int b = body[i] & 0xFF;
            if (b < 0x09 || b > 0x0D && b < 0x20 && b != 0x1B) {
                return false;
            }
        }
        return true;
    }
}
