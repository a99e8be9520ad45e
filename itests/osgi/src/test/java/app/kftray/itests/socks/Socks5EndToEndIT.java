package app.kftray.itests.socks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import app.kftray.itests.forward.fixture.Nginx;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socks5 bundle hot-installed into a running {@code kftray --headless}, end to end: an
 * auto-start socks5 forward waits for its handler, runs as soon as the jar lands in the deploy
 * directory, reaches two services of the emulated cluster by name through one port, and stops
 * with a reason when the jar is deleted, while a plain tcp forward of the same process keeps
 * serving throughout.
 */
class Socks5EndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "dev";
    private static final int CONTAINER_PORT = 8080;
    private static final String WEB_PAGE = "<html><body><h1>web service</h1></body></html>\n";
    private static final String API_PAGE = "{\"service\":\"api\",\"ok\":true}\n";
    /** The hot-install promise: from the copied jar to a RUNNING forward. */
    private static final long HOT_INSTALL_BUDGET_MILLIS = 2000;
    /** curl's exit code when the proxy refused or failed the request. */
    private static final int CURL_PROXY_ERROR = 97;
    /** The JVM's exit code after its shutdown hooks ran on SIGTERM (128 + 15). */
    private static final int EXIT_ON_SIGTERM = 143;
    private static final Pattern TCP_RUNNING = Pattern.compile("web-tcp: 127\\.0\\.0\\.1:(\\d+) -> pod web-1");

    @TempDir
    Path dir;

    private KubeEmulator kube;
    private Nginx web;
    private Nginx api;
    private Path home;
    private Path deployDir;
    private int socksPort;

    @BeforeEach
    void cluster() throws Exception {
        kube = KubeEmulator.start();
        web = Nginx.start(Files.createDirectories(dir.resolve("nginx-web")), WEB_PAGE);
        api = Nginx.start(Files.createDirectories(dir.resolve("nginx-api")), API_PAGE);
        declareService("web", web.address());
        declareService("api", api.address());
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE);
        home = Files.createDirectories(dir.resolve("home"));
        deployDir = Files.createDirectories(dir.resolve("deploy"));
        socksPort = freePort();
        Path configs = dir.resolve("configs.json");
        Files.writeString(configs, JSON.writeValueAsString(configs(kubeconfig)));
        CommandResult imported = HeadlessKftray.oneShot(home, "import", configs.toString());
        assertEquals(0, imported.exit(), imported.text());
    }

    @AfterEach
    void stopCluster() throws Exception {
        try {
            web.close();
            api.close();
        } finally {
            kube.close();
        }
    }

    @Test
    void jarDroppedIntoARunningHeadlessServesServicesByNameAndDeletingItStopsOnlySocks() throws Exception {
        try (HeadlessKftray kftray = HeadlessKftray.launch(home, deployDir)) {
            Matcher tcp = TCP_RUNNING.matcher(kftray.awaitLine("web-tcp: ", Duration.ofSeconds(60)));
            assertTrue(tcp.find());
            int tcpPort = Integer.parseInt(tcp.group(1));
            kftray.awaitLine("no handler for protocol 'socks5' is installed; forward 'socks' starts as soon as one is",
                    Duration.ofSeconds(10));
            JsonNode waiting = status("socks");
            assertEquals("FAILED", waiting.get("status").asText(), waiting.toString());
            assertTrue(waiting.get("last_error").asText().contains("no handler for protocol 'socks5'"),
                    waiting.toString());
            assertEquals(WEB_PAGE, fetchDirect(tcpPort).out());
            String tcpSince = status("web-tcp").get("since").asText();

            Path jar = deployDir.resolve("app.kftray.protocol.socks5.jar");
            long copied = dropIn(jar);
            kftray.awaitLine("socks: 127.0.0.1:" + socksPort, Duration.ofSeconds(10));
            long hotInstallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - copied);
            System.out.println("socks5 forward RUNNING " + hotInstallMillis + " ms after the jar was copied");
            assertTrue(hotInstallMillis <= HOT_INSTALL_BUDGET_MILLIS,
                    "RUNNING within " + HOT_INSTALL_BUDGET_MILLIS + " ms of the copy, took " + hotInstallMillis);

            assertEquals(WEB_PAGE, fetchThroughSocks("http://web.dev.svc/").out());
            assertEquals(API_PAGE, fetchThroughSocks("http://api.dev/").out());
            CommandResult unknown = fetchThroughSocks("http://nope.dev.svc/");
            assertEquals(CURL_PROXY_ERROR, unknown.exit(), unknown.text());
            assertTrue(unknown.err().contains("(4)"), "refused as host unreachable: " + unknown.text());
            assertEquals(WEB_PAGE, fetchThroughSocks("http://web/").out(), "still serving after a refusal");
            JsonNode running = awaitStatus("socks", s -> s.get("total_connections").asLong() >= 4);
            assertEquals("RUNNING", running.get("status").asText(), running.toString());

            Files.delete(jar);
            JsonNode stopped = awaitStatus("socks", s -> "STOPPED".equals(s.get("status").asText()));
            assertEquals("the handler for protocol 'socks5' was removed", stopped.get("last_error").asText());
            assertRefused(socksPort);
            assertEquals(WEB_PAGE, fetchDirect(tcpPort).out(), "the tcp forward is untouched");
            JsonNode tcpState = status("web-tcp");
            assertEquals("RUNNING", tcpState.get("status").asText(), tcpState.toString());
            assertEquals(tcpSince, tcpState.get("since").asText(), "never restarted: " + tcpState);

            int exit = kftray.terminate(Duration.ofSeconds(10));
            assertTrue(exit == 0 || exit == EXIT_ON_SIGTERM, "exit code " + exit + "\n" + kftray.log());
            kftray.awaitLine("kftray stopped in", Duration.ofSeconds(1));
        }
        JsonNode tcpAfter = status("web-tcp");
        assertEquals("STOPPED", tcpAfter.get("status").asText(), "SIGTERM stopped it: " + tcpAfter);
        assertRefused(socksPort);
    }

    private void declareService(String name, InetSocketAddress backend) {
        kube.namespace(NAMESPACE)
                .service(name, Map.of("app", name), List.of(ServicePort.port(80, "http", "http")))
                .pod(name + "-1", Map.of("app", name), List.of(ContainerPort.containerPort("http", CONTAINER_PORT)),
                        backend);
    }

    /** kftray's configs.json: a socks5 listener for the namespace and a plain tcp forward to web. */
    private ArrayNode configs(Path kubeconfig) {
        ArrayNode configs = JSON.createArrayNode();
        ObjectNode socks = configs.addObject().put("alias", "socks").put("namespace", NAMESPACE)
                .put("workload_type", "namespace").put("protocol", "socks5").put("local_port", socksPort);
        ObjectNode tcp = configs.addObject().put("alias", "web-tcp").put("namespace", NAMESPACE)
                .put("workload_type", "service").put("service", "web").put("remote_port", "80")
                .put("protocol", "tcp").put("local_port", 0);
        for (ObjectNode config : List.of(socks, tcp)) {
            config.put("context", kube.contextName()).put("kubeconfig", kubeconfig.toString()).put("auto_start", true);
        }
        return configs;
    }

    /** Copies the jar beside the deploy directory, then moves it in whole, as a finished copy appears. */
    private long dropIn(Path target) throws IOException {
        Path staged = dir.resolve("staged.jar");
        Files.copy(Path.of(System.getProperty("kftray.socks5.jar")), staged, StandardCopyOption.REPLACE_EXISTING);
        long copied = System.nanoTime();
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return copied;
    }

    private CommandResult fetchThroughSocks(String url) throws Exception {
        return curl("--socks5-hostname", "127.0.0.1:" + socksPort, url);
    }

    private CommandResult fetchDirect(int port) throws Exception {
        return curl("http://127.0.0.1:" + port + "/");
    }

    private CommandResult curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "20"));
        command.addAll(List.of(args));
        return CommandResult.run(dir, Map.of(), Duration.ofSeconds(30), command);
    }

    private JsonNode status(String alias) throws Exception {
        CommandResult status = HeadlessKftray.oneShot(home, "status", alias, "-o", "json");
        assertEquals(0, status.exit(), status.text());
        return JSON.readTree(status.out()).get(0);
    }

    private JsonNode awaitStatus(String alias, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode last;
        do {
            last = status(alias);
            if (condition.test(last)) {
                return last;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("state of " + alias + " never matched; last " + last);
    }

    private static void assertRefused(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            throw new AssertionError("port " + port + " still accepts connections");
        } catch (IOException expected) {
            // the listener is closed
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
