package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.KubeEmulator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's secrets stay out of every file kftray writes and out of its output at the most verbose
 * log level: the cluster's bearer token, and the credentials in the headers, query strings, JSON and
 * form bodies of HTTP traffic through a logged forward.
 */
class SecretsNeverLeakIT {
    private static final Pattern RUNNING = Pattern.compile("web: 127\\.0\\.0\\.1:(\\d+) -> pod");
    private static final String KUBE_TOKEN = "kube-token-c0ffee-5ecret";
    /** Every secret sent through the forward carries this marker; none may be found anywhere. */
    private static final String MARK = "zz5ecr3tzz";

    @TempDir
    Path dir;

    private KubeEmulator kube;
    private HttpServer site;
    private Path home;

    @BeforeEach
    void cluster() throws Exception {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"access_token\":\"at-" + MARK + "\",\"refresh_token\":\"rt-" + MARK
                    + "\",\"expires_in\":60}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Set-Cookie", "sid=cookie-" + MARK);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        kube = KubeEmulator.builder().token(KUBE_TOKEN).start();
        kube.namespace("dev").app("web", site.getAddress());
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        home = dir.resolve("home");
        Path configs = dir.resolve("configs.json");
        Files.writeString(configs, "[{\"alias\":\"web\",\"namespace\":\"dev\",\"service\":\"web\",\"remote_port\":\"80\","
                + "\"local_port\":0,\"workload_type\":\"service\",\"protocol\":\"tcp\",\"auto_start\":true,"
                + "\"http_logs_enabled\":true,\"context\":\"" + kube.contextName() + "\",\"kubeconfig\":\""
                + kubeconfig + "\"}]");
        KftrayProcess.Result imported = KftrayProcess.run(home, "import", configs.toString());
        assertEquals(0, imported.exit(), imported.text());
    }

    @AfterEach
    void stopCluster() {
        kube.close();
        site.stop(0);
    }

    @Test
    void noSecretInAnyFileOfTheHomeOrInTraceOutput() throws Exception {
        List<String> output = new ArrayList<>();
        try (KftrayProcess runtime = KftrayProcess.launch(home, "--headless", "--log-level", "trace")) {
            Matcher running = RUNNING.matcher(runtime.await("web: 127.0.0.1:", 60));
            assertTrue(running.find());
            int port = Integer.parseInt(running.group(1));
            exchange(port, "GET /callback?code=code-" + MARK + "&state=ok&access_token=at-" + MARK
                    + "&X-Amz-Signature=sig-" + MARK + " HTTP/1.1\r\nHost: web\r\nAuthorization: Bearer bearer-" + MARK
                    + "\r\nCookie: sid=c-" + MARK + "\r\nX-Api-Key: key-" + MARK + "\r\nConnection: close\r\n\r\n");
            exchange(port, post("application/json", "{\"user\":\"ann\",\"password\":\"pw-" + MARK
                    + "\",\"client\":{\"client_secret\":\"cs-" + MARK + "\",\"api_key\":\"ak-" + MARK + "\"}}"));
            exchange(port, post("application/x-www-form-urlencoded", "grant_type=refresh_token&refresh_token=rt-"
                    + MARK + "&password=pw-" + MARK));
            awaitLogged(3);
            runtime.terminate(10);
            runtime.await("kftray stopped in", 5);
            output.addAll(runtime.lines());
        }

        String stdout = String.join("\n", output);
        assertTrue(stdout.contains("-HTTP START-"), "fabric8 logged its requests at trace level");
        assertTrue(stdout.contains("Bearer ***"), "the cluster's Authorization header shows masked");
        assertFalse(stdout.contains(KUBE_TOKEN), "the cluster token is in the output");
        assertFalse(stdout.contains(MARK), "a secret is in the output");
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (text.contains(MARK) || text.contains(KUBE_TOKEN)) {
                    leaks.add(home.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), leaks, "files under the kftray home holding a secret");
        String logged = Files.readString(home.resolve("http_logs/1/exchanges.http"));
        assertTrue(logged.contains("\"password\":\"***\"") && logged.contains("access_token=***")
                && logged.contains("refresh_token=***"), logged);
    }

    private static String post(String type, String body) {
        return "POST /token?sig=s-" + MARK + " HTTP/1.1\r\nHost: web\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static void exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
        }
    }

    private void awaitLogged(int exchanges) throws Exception {
        Path log = home.resolve("http_logs/1/exchanges.jsonl");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).size() >= exchanges) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the forward's HTTP log did not get " + exchanges + " exchanges");
    }
}
