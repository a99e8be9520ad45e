package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.KubeEmulator;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/chaos.sh} against the Kubernetes API emulator: SIGKILL with immediate restarts,
 * SIGKILL during a thousand config writes, SIGSTOP of the owner, a full disk while logging, a torn
 * and a corrupted write-ahead log. The script checks integrity, lost writes, forwards coming back and
 * clean output after each step; this test passes when it does and prints its counts.
 */
class ChaosIT {
    @TempDir
    Path work;

    @Test
    void kftrayKeepsItsPromisesUnderChaos() throws Exception {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        try (KubeEmulator kube = KubeEmulator.start()) {
            kube.namespace("dev").app("web", site.getAddress()).app("api", site.getAddress());
            Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"), "dev");
            Path dist = Path.of(System.getProperty("kftray.dist")).toAbsolutePath();
            Path script = dist.resolve("../../../scripts/chaos.sh").normalize();
            Path scriptWork = Files.createDirectory(work.resolve("chaos"));
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            builder.environment().putAll(Map.of("KFTRAY", dist.resolve("bin/kftray").toString(),
                    "KUBECONFIG_FILE", kubeconfig.toString(), "KUBE_CONTEXT", kube.contextName(),
                    "WORK", scriptWork.toString(),
                    "STEPS", System.getProperty("kftray.chaos.steps", "1 2 3 4 5")));
            builder.environment().remove("DISPLAY");
            builder.environment().remove("KUBECONFIG");
            Process chaos = builder.start();
            List<String> output = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(chaos.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println(line);
                    output.add(line);
                }
            }
            assertTrue(chaos.waitFor(15, TimeUnit.MINUTES), "the chaos script ended");
            assertEquals(0, chaos.exitValue(), String.join("\n", output));
            assertTrue(output.stream().anyMatch(l -> l.startsWith("chaos: [") && l.contains("] summary: ")), String.join("\n", output));
        } finally {
            site.stop(0);
        }
    }
}
