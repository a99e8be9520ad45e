package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user drives it, against the Kubernetes API emulator: one process runs
 * forwards, a second one inspects and stops them through the shared database.
 */
class CliEndToEndIT {
    private static final Pattern RUNNING = Pattern.compile("(\\w+): (127\\.0\\.0\\.1):(\\d+) -> pod (\\S+):80");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EchoServer echo;
    private KubeEmulator kube;
    private Path home;
    private Path configs;

    @BeforeEach
    void cluster() throws Exception {
        echo = EchoServer.start();
        kube = KubeEmulator.start();
        kube.namespace("dev").app("web", echo.address()).app("api", echo.address());
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        home = dir.resolve("home");
        configs = dir.resolve("configs.json");
        Files.writeString(configs, "[" + forward("web", kubeconfig) + "," + forward("api", kubeconfig) + "]");
    }

    private String forward(String name, Path kubeconfig) {
        return "{\"alias\":\"" + name + "\",\"namespace\":\"dev\",\"service\":\"" + name + "\",\"remote_port\":\"80\","
                + "\"local_port\":0,\"workload_type\":\"service\",\"protocol\":\"tcp\",\"context\":\""
                + kube.contextName() + "\",\"kubeconfig\":\"" + kubeconfig + "\"}";
    }

    @AfterEach
    void stopCluster() {
        kube.close();
        echo.close();
    }

    @Test
    void importStartUseInspectAndStopFromASecondProcess() throws Exception {
        KftrayProcess.Result imported = KftrayProcess.run(home, "import", configs.toString());
        assertEquals(0, imported.exit(), imported.text());
        assertTrue(imported.out().get(0).endsWith("2 created, 0 updated, 0 unchanged"), imported.text());

        KftrayProcess.Result listed = KftrayProcess.run(home, "list");
        assertEquals(0, listed.exit(), listed.text());
        System.out.println("kftray list: " + listed.millis() + " ms wall time");
        assertEquals(List.of(), frameworkCaches(), "import and list ran on the database without booting a framework");

        try (KftrayProcess owner = KftrayProcess.launch(home, "start", "web", "api")) {
            int webPort = port(owner.await("web: ", 60));
            int apiPort = port(owner.await("api: ", 60));
            owner.await("Forwarding 2 of 2", 10);
            echoThrough(webPort, "hello web");
            echoThrough(apiPort, "hello api");

            // the owner publishes counters periodically: wait for a snapshot that has the bytes too
            JsonNode web = awaitTraffic("web", "hello web".length());
            assertEquals("RUNNING", web.get("status").asText());
            assertEquals(owner.pid() + "", web.get("owner").asText().split("@")[0]);

            // a restart goes through the owner too: the forward runs again, on a pod looked up afresh
            KftrayProcess.Result restarted = KftrayProcess.run(home, "restart", "web");
            assertEquals(0, restarted.exit(), restarted.text());
            assertTrue(restarted.out().get(0).contains("-> pod web-1:80 (restarted in "), restarted.text());
            System.out.println("restart through the owner: " + restarted.out().get(0));
            webPort = port(restarted.out().get(0));
            echoThrough(webPort, "hello again");

            // a start the owner keeps retrying says why it is not running yet
            KftrayProcess.Result added = KftrayProcess.run(home, "add", "--kubeconfig",
                    dir.resolve("kubeconfig").toString(), "--context", kube.contextName(), "-n", "dev", "-t", "pod",
                    "--target", "app=nothing", "-r", "80", "-l", "0", "-a", "nopod");
            assertEquals(0, added.exit(), added.text());
            KftrayProcess.Result waiting = KftrayProcess.run(home, "start", "nopod", "--timeout", "2");
            assertEquals(1, waiting.exit(), waiting.text());
            assertTrue(waiting.text().contains("forward 'nopod' failed: not running after 2 s; RECONNECTING: no pod "
                    + "matches selector 'app=nothing' in namespace 'dev' (in kftray process " + owner.pid()),
                    waiting.text());
            assertEquals(0, KftrayProcess.run(home, "stop", "nopod").exit());

            KftrayProcess.Result stopped = KftrayProcess.run(home, "stop", "web", "api");
            assertEquals(0, stopped.exit(), stopped.text());
            for (String line : stopped.out()) {
                Matcher m = Pattern.compile("stopped in (\\d+) ms").matcher(line);
                assertTrue(m.find(), stopped.text());
                System.out.println("stop through the owner: " + line);
                assertTrue(Long.parseLong(m.group(1)) < 1000, "stopped within 1 s: " + line);
            }
            assertRefused(webPort);
            KftrayProcess.Result notRunning = KftrayProcess.run(home, "restart", "web");
            assertEquals(1, notRunning.exit(), notRunning.text());
            assertTrue(notRunning.text().contains("forward 'web' is not running; start it with 'kftray start web'"),
                    notRunning.text());

            KftrayProcess.Result status = KftrayProcess.run(home, "status", "-o", "json");
            for (JsonNode forward : JSON.readTree(String.join("\n", status.out()))) {
                assertEquals("STOPPED", forward.get("status").asText(), forward.toString());
            }
            owner.terminate(5);
        }
    }

    @Test
    void badInputIsOneLineOnStderrWithExitCode2AndChangesNothing() throws Exception {
        Path corrupt = dir.resolve("corrupt.json");
        Files.writeString(corrupt, "[{\"alias\": ");
        assertUserError(KftrayProcess.run(home, "import", corrupt.toString()), "malformed JSON");
        assertUserError(KftrayProcess.run(home, "import", dir.resolve("missing.json").toString()), "no such file");
        assertUserError(KftrayProcess.run(home, "add", "-n", "dev", "-s", "web", "-r", "80", "-l", "70000"),
                "local_port");
        assertUserError(KftrayProcess.run(home, "start", "nope"), "no forward with id or alias 'nope'");
        assertUserError(KftrayProcess.run(home, "restart", "nope"), "no forward with id or alias 'nope'");
        assertUserError(KftrayProcess.run(home, "list", "-o", "yaml"), "Invalid value");
        KftrayProcess.Result list = KftrayProcess.run(home, "list", "-o", "json");
        assertEquals(0, list.exit(), list.text());
        assertEquals(0, JSON.readTree(String.join("\n", list.out())).size(), "nothing was saved");
    }

    @Test
    void headlessAutoStartsAndASecondHeadlessLeavesItsForwardsAlone() throws Exception {
        Files.writeString(configs, Files.readString(configs).replace("\"protocol\"", "\"auto_start\":true,\"protocol\""));
        assertEquals(0, KftrayProcess.run(home, "import", configs.toString()).exit());
        try (KftrayProcess first = KftrayProcess.launch(home, "--headless")) {
            String started = first.await("components satisfied in", 60);
            long launched = System.nanoTime();
            int webPort = port(first.await("web: ", 60));
            first.await("api: ", 60);
            System.out.println("headless: " + started.substring(started.indexOf("components")) + "; all forwards "
                    + "RUNNING " + (System.nanoTime() - launched) / 1_000_000 + " ms after that line was read");
            echoThrough(webPort, "still mine");
            try (KftrayProcess second = KftrayProcess.launch(home, "--headless")) {
                second.await("is already running on this database", 60);
                second.await("is left to another process: run by kftray process " + first.pid() + "@", 30);
                second.terminate(5);
            }
            echoThrough(webPort, "still served by the first");
            first.terminate(5);
            first.await("kftray stopped in", 5);
        }
        KftrayProcess.Result status = KftrayProcess.run(home, "status", "-o", "json");
        for (JsonNode forward : JSON.readTree(String.join("\n", status.out()))) {
            assertEquals("STOPPED", forward.get("status").asText(), "SIGTERM stopped " + forward);
        }
    }

    private JsonNode awaitTraffic(String alias, long bytesOut) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            KftrayProcess.Result status = KftrayProcess.run(home, "status", alias, "-o", "json");
            assertEquals(0, status.exit(), status.text());
            last = JSON.readTree(String.join("\n", status.out())).get(0);
            if (last.get("total_connections").asLong() >= 1 && last.get("bytes_out").asLong() >= bytesOut) {
                return last;
            }
        }
        throw new AssertionError("no connection of " + bytesOut + " bytes counted for " + alias + ": " + last);
    }

    private List<Path> frameworkCaches() throws IOException {
        Path cache = home.resolve("cache");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("felix-")).toList();
        }
    }

    private static void assertUserError(KftrayProcess.Result result, String fragment) {
        assertEquals(2, result.exit(), result.text());
        assertEquals(1, result.err().size(), "one line on stderr: " + result.err());
        assertTrue(result.err().get(0).startsWith("kftray: ") && result.err().get(0).contains(fragment),
                result.err().toString());
    }

    private static int port(String runningLine) {
        Matcher m = RUNNING.matcher(runningLine);
        assertTrue(m.find(), runningLine);
        return Integer.parseInt(m.group(3));
    }

    private static void echoThrough(int port, String text) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] sent = text.getBytes(StandardCharsets.UTF_8);
            out.write(sent);
            out.flush();
            InputStream in = socket.getInputStream();
            assertArrayEquals(sent, in.readNBytes(sent.length));
        }
    }

    private static void assertRefused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            throw new AssertionError("port " + port + " still accepts connections after stop");
        } catch (java.io.IOException expected) {
            // the forward released its socket
        }
    }
}
