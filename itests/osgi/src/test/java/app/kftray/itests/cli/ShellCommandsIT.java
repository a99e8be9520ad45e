package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's commands typed into the Gogo shell of a running runtime ({@code --shell}):
 * same options, same answers, one-line errors that change nothing.
 */
class ShellCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUNNING = Pattern.compile("web: 127\\.0\\.0\\.1:(\\d+) -> pod web-1:80");

    @TempDir
    Path dir;

    private EchoServer echo;
    private KubeEmulator kube;
    private Path kubeconfig;
    private Path home;

    @BeforeEach
    void cluster() throws Exception {
        echo = EchoServer.start();
        kube = KubeEmulator.start();
        kube.namespace("dev").app("web", echo.address());
        kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        home = dir.resolve("home");
    }

    @AfterEach
    void stopCluster() {
        kube.close();
        echo.close();
    }

    @Test
    void commandLineCommandsRunInsideTheRuntime() throws Exception {
        Path configs = Files.writeString(dir.resolve("configs.json"), "[{\"alias\":\"web\",\"namespace\":\"dev\","
                + "\"service\":\"web\",\"remote_port\":\"80\",\"local_port\":0,\"workload_type\":\"service\","
                + "\"protocol\":\"tcp\",\"context\":\"" + kube.contextName() + "\",\"kubeconfig\":\"" + kubeconfig + "\"}]");
        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "[{\"alias\": ");
        Path exported = dir.resolve("exported.json");
        try (KftrayProcess shell = KftrayProcess.launch(home, "--headless", "--shell")) {
            shell.await("components satisfied in", 60);

            shell.send("kftray:import " + configs);
            shell.await("1 created, 0 updated, 0 unchanged", 30);
            shell.send("kftray:add -n dev -s api -r 80 -l 0 -a api --context " + kube.contextName()
                    + " --kubeconfig " + kubeconfig);
            shell.await("added forward 2 'api'", 30);
            shell.send("kftray:edit api --http-logs");
            shell.await("updated forward 2 'api'", 30);

            shell.send("kftray:add -n dev -s db -r 5432 -l 70000");
            assertOneLineError(shell.await("local_port", 30), "local_port");
            shell.send("kftray:edit nope --local-port 1");
            assertOneLineError(shell.await("'nope'", 30), "no forward with id or alias 'nope'");
            shell.send("kftray:rm nope");
            shell.send("kftray:import " + dir.resolve("missing.json"));
            assertOneLineError(shell.await("missing.json", 30), "no such file");
            shell.send("kftray:import " + corrupt);
            assertOneLineError(shell.await("malformed JSON", 30), "at line 1");
            shell.send("kftray:start --timeout 0 web");
            assertOneLineError(shell.await("--timeout", 30), "at least 1 second");

            shell.send("kftray:export " + exported + " --only api");
            shell.await("exported to " + exported, 30);
            JsonNode only = JSON.readTree(exported.toFile());
            assertEquals(1, only.size(), only.toString());
            assertEquals("api", only.get(0).get("alias").asText(), only.toString());
            shell.send("kftray:contexts --kubeconfig " + kubeconfig);
            String current = shell.await(kube.contextName(), 30);
            assertTrue(current.replace("g! ", "").startsWith("*"), "the current context is marked: " + current);

            shell.send("kftray:start web");
            Matcher running = RUNNING.matcher(shell.await("web: 127.0.0.1:", 60));
            assertTrue(running.find());
            echoThrough(Integer.parseInt(running.group(1)), "through the shell");
            shell.send("kftray:status web");
            shell.await("RUNNING", 30);
            shell.send("kftray:stop web");
            shell.await("web: stopped in", 30);

            shell.send("kftray:rm api");
            shell.await("removed forward 2 'api'", 30);
            shell.send("kftray:list");
            String table = shell.await("svc/web", 30);
            assertTrue(table.contains("STOPPED"), table);
            shell.terminate(10);
        }
        KftrayProcess.Result list = KftrayProcess.run(home, "list", "-o", "json");
        assertEquals(0, list.exit(), list.text());
        JsonNode saved = JSON.readTree(String.join("\n", list.out()));
        assertEquals(1, saved.size(), "only the valid changes were saved: " + saved);
        assertEquals("web", saved.get(0).get("alias").asText(), saved.toString());
    }

    private static void assertOneLineError(String line, String fragment) {
        assertTrue(line.contains("kftray: ") && line.contains(fragment), line);
    }

    private static void echoThrough(int port, String text) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] sent = text.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(sent);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertArrayEquals(sent, in.readNBytes(sent.length));
        }
    }
}
