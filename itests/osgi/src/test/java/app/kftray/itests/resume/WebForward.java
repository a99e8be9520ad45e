package app.kftray.itests.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import app.kftray.itests.socks.CommandResult;
import app.kftray.itests.socks.HeadlessKftray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one forward these tests run: service {@code web} of namespace {@code dev}, auto-started, any free port. */
final class WebForward {
    static final String NAMESPACE = "dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUNNING = Pattern.compile("web: 127\\.0\\.0\\.1:(\\d+) -> pod web-1");

    private WebForward() {
    }

    /** Declares service {@code web} and its pod {@code web-1} on {@code backend}. */
    static void declare(KubeEmulator kube, InetSocketAddress backend) {
        kube.namespace(NAMESPACE)
                .service("web", Map.of("app", "web"), List.of(ServicePort.port(80, "http", "http")))
                .pod("web-1", Map.of("app", "web"), List.of(ContainerPort.containerPort("http", 8080)), backend);
    }

    /**
     * Declares the web service on {@code kube} with its pod on {@code backend}, and a kftray home under {@code dir}
     * holding the auto-start forward to it.
     *
     * @return the kftray home
     */
    static Path homeForwardingTo(KubeEmulator kube, InetSocketAddress backend, Path dir)
            throws IOException, InterruptedException {
        declare(kube, backend);
        Path home = Files.createDirectories(dir.resolve("home"));
        importInto(home, kube.writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE), kube.contextName());
        return home;
    }

    /** Imports the forward into the kftray home {@code home}, reaching the cluster through {@code kubeconfig}. */
    static void importInto(Path home, Path kubeconfig, String context) throws IOException, InterruptedException {
        ArrayNode configs = JSON.createArrayNode();
        configs.addObject().put("alias", "web").put("namespace", NAMESPACE).put("workload_type", "service")
                .put("service", "web").put("remote_port", "80").put("protocol", "tcp").put("local_port", 0)
                .put("context", context).put("kubeconfig", kubeconfig.toString()).put("auto_start", true);
        Path file = home.resolveSibling("configs.json");
        Files.writeString(file, JSON.writeValueAsString(configs));
        CommandResult imported = HeadlessKftray.oneShot(home, "import", file.toString());
        assertEquals(0, imported.exit(), imported.text());
    }

    /** @return the local port the forward listens on, once the runtime logged it running */
    static int awaitRunning(HeadlessKftray kftray) throws IOException, InterruptedException {
        Matcher running = RUNNING.matcher(kftray.awaitLine("web: ", Duration.ofSeconds(60)));
        assertTrue(running.find());
        return Integer.parseInt(running.group(1));
    }
}
