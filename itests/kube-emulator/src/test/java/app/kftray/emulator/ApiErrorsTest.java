package app.kftray.emulator;

import static app.kftray.emulator.ContainerPort.containerPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets the real API server's answers, and the server keeps serving. Plain HTTP, raw requests. */
class ApiErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private EchoServer echo;
    private KubeEmulator kube;

    @BeforeEach
    void start() throws Exception {
        echo = EchoServer.start();
        kube = KubeEmulator.builder().tls(false).token("secret").historyLimit(5).start();
        kube.namespace("dev").pod("web-1", Map.of("app", "web"), List.of(containerPort(8080)), echo.address());
    }

    @AfterEach
    void stop() {
        kube.close();
        echo.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kube.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode status(HttpResponse<String> response, int code, String reason) throws Exception {
        assertEquals(code, response.statusCode(), response.body());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("Status", status.path("kind").asText());
        assertEquals("Failure", status.path("status").asText());
        assertEquals(reason, status.path("reason").asText());
        assertEquals(code, status.path("code").asInt());
        return status;
    }

    @Test
    void wrongOrMissingTokenIsUnauthorized() throws Exception {
        status(send("GET", "/api/v1/pods", null, "wrong"), 401, "Unauthorized");
        status(send("GET", "/api/v1/pods", null, null), 401, "Unauthorized");
        assertEquals(200, send("GET", "/api/v1/pods", null, "secret").statusCode());
    }

    @Test
    void malformedBodiesAndInvalidObjects() throws Exception {
        JsonNode bad = status(send("POST", "/api/v1/namespaces/dev/pods", "{\"metadata\": ", "secret"), 400,
                "BadRequest");
        assertTrue(bad.path("message").asText().contains("json parse error"), bad.toString());
        status(send("POST", "/api/v1/namespaces/dev/pods", "[1,2]", "secret"), 400, "BadRequest");
        status(send("POST", "/api/v1/namespaces/dev/services", "{\"kind\":\"Pod\"}", "secret"), 400, "BadRequest");
        JsonNode noName = status(send("POST", "/api/v1/namespaces/dev/pods",
                "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"b\"}]}}", "secret"), 422, "Invalid");
        assertTrue(noName.path("message").asText().contains("name or generateName is required"), noName.toString());
        JsonNode badPort = status(send("POST", "/api/v1/namespaces/dev/services",
                "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[{\"port\":70000}]}}", "secret"), 422, "Invalid");
        assertTrue(badPort.path("message").asText().contains("spec.ports[0].port"), badPort.toString());
        status(send("POST", "/api/v1/namespaces/nowhere/pods",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"b\"}]}}",
                "secret"), 404, "NotFound");
        JsonNode exists = status(send("POST", "/api/v1/namespaces/dev/pods",
                "{\"metadata\":{\"name\":\"web-1\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"b\"}]}}",
                "secret"), 409, "AlreadyExists");
        assertEquals("pods \"web-1\" already exists", exists.path("message").asText());
        assertEquals(200, send("GET", "/api/v1/namespaces/dev/pods/web-1", null, "secret").statusCode());
    }

    @Test
    void unknownResourcesSelectorsAndMethods() throws Exception {
        status(send("GET", "/api/v1/namespaces/dev/widgets", null, "secret"), 404, "NotFound");
        status(send("GET", "/apis/apps/v1/statefulsets", null, "secret"), 404, "NotFound");
        status(send("GET", "/api/v1/namespaces/dev/pods?labelSelector=app%3D%3D%3Dx", null, "secret"), 400,
                "BadRequest");
        status(send("GET", "/api/v1/namespaces/dev/pods?labelSelector=app%20in%20(a", null, "secret"), 400,
                "BadRequest");
        status(send("DELETE", "/api/v1/namespaces/dev/endpoints/web", null, "secret"), 405, "MethodNotAllowed");
        status(send("DELETE", "/api/v1/namespaces/dev/pods/ghost", null, "secret"), 404, "NotFound");
        status(send("GET", "/api/v1/namespaces/dev/pods/web-1/portforward", null, "secret"), 400, "BadRequest");
    }

    @Test
    void watchResumesFromAVersionAndExpiresTooOldOnes() throws Exception {
        String listVersion = JSON.readTree(send("GET", "/api/v1/namespaces/dev/pods", null, "secret").body())
                .path("metadata").path("resourceVersion").asText();
        kube.setReady(kube.requirePod("dev", "web-1"), false);
        HttpResponse<InputStream> watch = http.send(HttpRequest.newBuilder(URI.create(kube.url()
                + "/api/v1/namespaces/dev/pods?watch=true&resourceVersion=" + listVersion))
                .header("Authorization", "Bearer secret").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
            JsonNode event = JSON.readTree(lines.readLine());
            assertEquals("MODIFIED", event.path("type").asText());
            assertEquals("web-1", event.path("object").path("metadata").path("name").asText());
        }
        for (int i = 0; i < 10; i++) {
            kube.setReady(kube.requirePod("dev", "web-1"), i % 2 == 0);
        }
        HttpResponse<String> expired = send("GET", "/api/v1/namespaces/dev/pods?watch=true&resourceVersion="
                + listVersion, null, "secret");
        assertEquals(200, expired.statusCode());
        JsonNode error = JSON.readTree(expired.body().lines().findFirst().orElseThrow());
        assertEquals("ERROR", error.path("type").asText());
        assertEquals(410, error.path("object").path("code").asInt());
        assertEquals("Expired", error.path("object").path("reason").asText());
    }

    @Test
    void malformedSpdyFramesEndOnlyThatConnection() throws Exception {
        try (Socket socket = new Socket(kube.address().getAddress(), kube.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/namespaces/dev/pods/web-1/portforward HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer secret\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                    + "X-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(head.toLowerCase().contains("x-stream-protocol-version: portforward.k8s.io"), head);
            // a control frame of an unknown SPDY version with a bogus length
            out.write(new byte[] {(byte) 0x80, 0x09, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00});
            out.flush();
            byte[] rest = in.readAllBytes(); // the server answers with GOAWAY (or just closes) and hangs up
            assertTrue(rest.length == 0 || (rest[0] & 0xff) == 0x80, "unexpected bytes after bad frame");
        }
        assertEquals(200, send("GET", "/version", null, "secret").statusCode());
        assertEquals(0, waitForNoForwards());
    }

    private int waitForNoForwards() throws InterruptedException {
        for (int i = 0; i < 100 && kube.openPortForwards() > 0; i++) {
            Thread.sleep(20);
        }
        return kube.openPortForwards();
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
