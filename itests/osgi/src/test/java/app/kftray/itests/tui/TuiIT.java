package app.kftray.itests.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import app.kftray.itests.forward.fixture.Nginx;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal UI as a user meets it: the real {@code kftray tui} of the distribution in a tmux
 * window, an emulated cluster whose pods are nginx servers, keys typed with {@code send-keys} and
 * every check made on the screen read back with {@code capture-pane}. Screens are saved as text
 * and PNG under {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TuiIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Path KFTRAY = Path.of(System.getProperty("kftray.dist"), "bin", "kftray");
    private static final int COLUMNS = 120;
    private static final int ROWS = 36;
    private static final long START_MILLIS = 90_000;
    private static final long FORWARD_MILLIS = 30_000;
    private static final long SCREEN_MILLIS = 5_000;

    @TempDir
    static Path dir;
    static Path home;
    static KubeEmulator kube;
    static Nginx web;
    static Nginx api;
    static Path kubeconfig;
    static Tmux tmux;
    static int webPort;
    static int apiPort;

    @BeforeAll
    static void startTui() throws Exception {
        assertTrue(Tmux.available(), "tmux is not installed; scripts/test-prerequisites.sh installs it");
        web = Nginx.start(Files.createDirectories(dir.resolve("web")), "hello from web");
        api = Nginx.start(Files.createDirectories(dir.resolve("api")), "hello from api");
        kube = KubeEmulator.start();
        for (Map.Entry<String, Nginx> pod : Map.of("web", web, "api", api).entrySet()) {
            kube.namespace("dev")
                    .service(pod.getKey(), Map.of("app", pod.getKey()), List.of(ServicePort.port(80, "http", "http")))
                    .pod(pod.getKey() + "-1", Map.of("app", pod.getKey()),
                            List.of(ContainerPort.containerPort("http", 8080)), pod.getValue().address());
        }
        kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        home = dir.resolve("home");
        webPort = freePort();
        apiPort = freePort();
        tmux = startInTmux(COLUMNS, ROWS, Map.of());
        tmux.await("the empty table", "No forwards yet", START_MILLIS);
    }

    /** A tmux window whose shell runs {@code kftray tui}, then reports its exit code and the terminal's modes. */
    static Tmux startInTmux(int columns, int rows, Map<String, String> environment) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("KFTRAY_HOME", home.toString());
        Tmux started = Tmux.start(columns, rows, env);
        started.type("cd " + dir + " && " + KFTRAY + " tui; echo TUI-EXIT=$?; stty -a | tr '\\n' ' '; echo");
        started.keys("Enter");
        return started;
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
        if (kube != null) {
            kube.close();
        }
        for (Nginx nginx : new Nginx[] {web, api}) {
            if (nginx != null) {
                nginx.close();
            }
        }
    }

    @Test
    @Order(10)
    void theFormShowsEveryErrorNextToItsFieldAndSavesNothing() throws Exception {
        tmux.keys("n");
        tmux.await("Add forward", SCREEN_MILLIS);
        tmux.type("bad alias");
        focus("Local port");
        tmux.keys("C-u");
        tmux.type("abc");
        tmux.keys("Enter");
        // wait for the whole form to be drawn: a capture can land between the lines of one redraw
        String screen = tmux.await("the errors", s -> line(s, "Namespace").contains("! is required")
                && line(s, "Remote port").contains("!") && line(s, "Local port").contains("!"), SCREEN_MILLIS);
        assertTrue(line(screen, "Alias").contains("! 'bad alias' must start with a letter"), screen);
        assertTrue(line(screen, "Local port").contains("! 'abc' is not a number; use 0-65535"), screen);
        assertTrue(line(screen, "Remote port").contains("! is required: a port number or a named port"), screen);
        assertFalse(line(screen, "Kubeconfig").contains("!"), "no error next to a good field:\n" + screen);
        save("tui-form-errors");
        tmux.keys("Escape");
        tmux.await("the empty table again", "No forwards yet", SCREEN_MILLIS);
        assertEquals(0, new ObjectMapper().readTree(cli("list", "-o", "json")).size(), "nothing was saved");
    }

    @Test
    @Order(20)
    void aForwardAddedInTheFormStartsCarriesTrafficAndStops() throws Exception {
        tmux.keys("n");
        tmux.await("Add forward", SCREEN_MILLIS);
        fill("Alias", "web");
        fill("Kubeconfig", kubeconfig.toString());
        fill("Namespace", "dev");
        fill("Service", "web");
        fill("Remote port", "80");
        fill("Local port", Integer.toString(webPort));
        focus("Log HTTP");
        tmux.keys("Space");
        save("tui-form-add");
        tmux.keys("Enter");
        String screen = tmux.await("web in the table", s -> row(s, "web").contains("STOPPED"), SCREEN_MILLIS);
        assertTrue(row(screen, "web").contains("svc/web:80"), screen);
        assertTrue(row(screen, "web").contains("127.0.0.1:" + webPort), screen);

        tmux.keys("f");
        tmux.await("web RUNNING", s -> row(s, "web").contains("RUNNING"), FORWARD_MILLIS);
        assertEquals("hello from web", get(webPort, "/index.html"));
        screen = tmux.await("the byte counters moving", s -> !row(s, "web").contains("0 B / 0 B")
                && row(s, "web").contains("0/1"), SCREEN_MILLIS);
        assertTrue(screen.contains("Running (1)"), "running forwards are grouped apart:\n" + screen);
        tmux.await("the pod in the details", "Pod: web-1", SCREEN_MILLIS);
        save("tui-running");

        String status = cli("status");
        assertTrue(status.lines().anyMatch(l -> l.contains("web") && l.contains("RUNNING")),
                "kftray status sees the forward the TUI started:\n" + status);

        tmux.keys("l");
        tmux.await("the request in the HTTP log", s -> s.contains("GET") && s.contains("/index.html")
                && s.contains("200"), SCREEN_MILLIS);
        get(webPort, "/missing");
        tmux.await("the 404 as it happens", "/missing", SCREEN_MILLIS);
        tmux.keys("F");
        tmux.type("status=404");
        tmux.keys("Enter");
        tmux.await("only the 404 in the filtered log", s -> s.contains("filter: status=404") && s.contains("/missing")
                && !s.contains("/index.html"), SCREEN_MILLIS);
        save("tui-http-log");
        tmux.keys("Tab");
        tmux.await("the details pane", "History: ", SCREEN_MILLIS);

        tmux.keys("f");
        tmux.await("web STOPPED", s -> row(s, "web").contains("STOPPED"), FORWARD_MILLIS);
        assertThrows(ConnectException.class, () -> get(webPort, "/"));
    }

    @Test
    @Order(30)
    void aForwardAddedWithTheCliAppearsWithinOneSecond() throws Exception {
        cli("add", "-a", "api", "-n", "dev", "-s", "api", "-r", "80", "-l", Integer.toString(apiPort),
                "--kubeconfig", kubeconfig.toString());
        long saved = System.nanoTime();
        tmux.await("api in the table", s -> row(s, "api").contains("svc/api:80"), 3_000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
        System.out.println("forward added with the CLI shown by the TUI " + millis + " ms after the command ended");
        assertTrue(millis <= 1000, "appeared after " + millis + " ms");
    }

    @Test
    @Order(40)
    void searchNarrowsTheTableAsYouType() throws Exception {
        tmux.keys("/");
        tmux.type("ap");
        String screen = tmux.await("only api", s -> s.contains("search: ap") && row(s, "web").isEmpty(), SCREEN_MILLIS);
        assertFalse(row(screen, "api").isEmpty(), screen);
        save("tui-search");
        tmux.keys("Enter");
        tmux.keys("Escape");
        tmux.await("both again", s -> !row(s, "web").isEmpty() && !row(s, "api").isEmpty(), SCREEN_MILLIS);
    }

    @Test
    @Order(45)
    void aMouseClickSelectsTheRowUnderIt() throws Exception {
        String screen = tmux.screen();
        String target = screen.contains("Details of web") ? "api" : "web";
        int row = screen.lines().toList().indexOf(row(screen, target));
        // what an xterm sends in mouse mode 1000: ESC [ M, then button, column and row, each plus 32 (1-based)
        tmux.type("\u001b[M" + (char) 32 + (char) (33 + 4) + (char) (33 + row));
        tmux.type("\u001b[M" + (char) 35 + (char) (33 + 4) + (char) (33 + row));
        tmux.await("the clicked forward's details", "Details of " + target, SCREEN_MILLIS);
    }

    @Test
    @Order(50)
    void markedForwardsStartAndStopTogether() throws Exception {
        tmux.keys("a");
        tmux.await("marked: 2", SCREEN_MILLIS);
        tmux.keys("s");
        String screen = tmux.await("both RUNNING", s -> row(s, "web").contains("RUNNING")
                && row(s, "api").contains("RUNNING"), FORWARD_MILLIS);
        assertTrue(row(screen, "web").startsWith("* ") && row(screen, "api").startsWith("* "), screen);
        assertEquals("hello from api", get(apiPort, "/index.html"));
        assertEquals("hello from web", get(webPort, "/index.html"));
        save("tui-marked-running");
        tmux.keys("x");
        tmux.await("both STOPPED", s -> row(s, "web").contains("STOPPED") && row(s, "api").contains("STOPPED"),
                FORWARD_MILLIS);
        tmux.keys("Escape");
        tmux.await("marks cleared", s -> !s.contains("marked:"), SCREEN_MILLIS);
    }

    @Test
    @Order(60)
    void exportWritesEveryForwardAndABadImportChangesNothing() throws Exception {
        Path exported = dir.resolve("exported.json");
        prompt("e", "Export all forwards to file", exported.toString());
        tmux.await("the export message", "Exported all forwards to " + exported, SCREEN_MILLIS);
        JsonNode json = new ObjectMapper().readTree(exported.toFile());
        List<String> aliases = new ArrayList<>();
        json.forEach(entry -> aliases.add(entry.get("alias").asText()));
        assertEquals(List.of("web", "api"), aliases);

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"alias\": \"ok\", \"namespace\": \"dev\", \"workload_type\": \"service\","
                + " \"service\": \"web\", \"remote_port\": 80}, {\"alias\": \"broken\", \"service\": \"web\"}]");
        prompt("i", "Import from file", bad.toString());
        String screen = tmux.await("the import error", "bad.json was not imported, nothing changed", SCREEN_MILLIS);
        assertTrue(row(screen, "ok").isEmpty(), "nothing imported:\n" + screen);
        prompt("i", "Import from file", "no-such-file.json");
        tmux.await("the read error", "cannot read " + dir.resolve("no-such-file.json"), SCREEN_MILLIS);

        Path good = dir.resolve("good.json");
        Files.writeString(good, "[{\"alias\": \"db\", \"context\": \"staging\", \"namespace\": \"dev\","
                + " \"workload_type\": \"service\", \"service\": \"db\", \"remote_port\": 5432, \"local_port\": 0}]");
        prompt("i", "Import from file", good.toString());
        screen = tmux.await("db imported", s -> s.contains("Imported good.json: 1 new") && !row(s, "db").isEmpty(),
                SCREEN_MILLIS);
        assertTrue(screen.contains("3 stopped"), screen);
    }

    @Test
    @Order(70)
    void theContextFilterShowsOneContextAtATime() throws Exception {
        tmux.keys("c");
        String screen = tmux.await("context (current)", "context: (current)", SCREEN_MILLIS);
        assertTrue(row(screen, "db").isEmpty() && !row(screen, "web").isEmpty(), screen);
        tmux.keys("c");
        screen = tmux.await("context staging", "context: staging", SCREEN_MILLIS);
        assertTrue(!row(screen, "db").isEmpty() && row(screen, "web").isEmpty(), screen);
        tmux.keys("c");
        tmux.await("all contexts", "context: all", SCREEN_MILLIS);
    }

    @Test
    @Order(80)
    void deleteAsksFirst() throws Exception {
        tmux.keys("End");
        tmux.await("the cursor on db", " of db ", SCREEN_MILLIS);
        tmux.keys("d");
        tmux.await("the question", "Delete db? Running ones are stopped first.", SCREEN_MILLIS);
        tmux.keys("n");
        tmux.await("db kept", s -> !s.contains("Delete db?") && !row(s, "db").isEmpty(), SCREEN_MILLIS);
        tmux.keys("d");
        tmux.await("the question", "Delete db?", SCREEN_MILLIS);
        save("tui-delete");
        tmux.keys("y");
        tmux.await("db gone", s -> row(s, "db").isEmpty() && s.contains("Deleted db"), SCREEN_MILLIS);
        assertFalse(cli("list").contains("db"), "deleted from the database");
    }

    @Test
    @Order(90)
    void fitsEightyByTwentyFourAndSaysWhenTheTerminalIsSmaller() throws Exception {
        tmux.keys("h");
        tmux.await("the help", "Keys of kftray tui", SCREEN_MILLIS);
        save("tui-help");
        tmux.keys("Escape");
        tmux.resize(80, 24);
        String screen = tmux.await("the 80x24 layout", s -> !row(s, "web").isEmpty() && s.contains("h help  q quit"),
                SCREEN_MILLIS);
        assertTrue(screen.contains("Alias") && screen.contains("State") && screen.contains("Bytes in/out")
                && screen.contains(" of web "), screen);
        save("tui-80x24");
        tmux.resize(70, 20);
        screen = tmux.await("the size message", "needs a terminal of at least 80x24", SCREEN_MILLIS);
        assertTrue(screen.contains("this one is 70x20"), screen);
        save("tui-too-small");
        tmux.resize(COLUMNS, ROWS);
        tmux.await("the table again", s -> !row(s, "web").isEmpty() && !s.contains("needs a terminal"), SCREEN_MILLIS);
    }

    @Test
    @Order(100)
    void drawsIn256ColoursOrMonochromeAndGivesTheTerminalBackOnCtrlC() throws Exception {
        String coloured = tmux.screenWithEscapes();
        assertTrue(coloured.contains("38;5;"), "256-colour foregrounds in use");
        try (Tmux mono = startInTmux(80, 24, Map.of("NO_COLOR", "1"))) {
            mono.await("the second TUI with the same forwards", s -> !row(s, "web").isEmpty()
                    && !row(s, "api").isEmpty(), START_MILLIS);
            String escaped = mono.screenWithEscapes();
            assertFalse(escaped.contains("38;5;") || escaped.contains("48;5;"), "no colours with NO_COLOR");
            assertTrue(java.util.regex.Pattern.compile("\u001b\\[([0-9]+;)*7m").matcher(escaped).find(),
                    "reverse video marks the title and the cursor instead");
            ScreenPicture.save(SCREENSHOTS, "tui-monochrome", escaped);
            mono.keys("C-c");
            assertRestored(mono.await("the exit and the terminal's modes", s -> s.contains("TUI-EXIT=0")
                    && s.contains("icanon"), 30_000));
        }
    }

    @Test
    @Order(110)
    void quitGivesTheTerminalBack() throws Exception {
        tmux.keys("q");
        assertRestored(tmux.await("the exit and the terminal's modes", s -> s.contains("TUI-EXIT=0")
                && s.contains("icanon"), 30_000));
    }

    private static void assertRestored(String screen) {
        String modes = screen.lines().filter(l -> l.contains("speed") || l.contains("icanon")).findFirst().orElse("");
        assertTrue(modes.contains(" icanon") && !modes.contains("-icanon"), "canonical mode back:\n" + screen);
        assertTrue(modes.contains(" echo ") && !modes.contains("-echo "), "echo back:\n" + screen);
    }

    /** Moves the form's focus down to the field with this label, one Tab at a time. */
    private static void focus(String label) throws Exception {
        for (int i = 0; i < 20; i++) {
            String focused = focusedField(tmux.screen());
            if (focused.startsWith("> " + label)) {
                return;
            }
            tmux.keys("Tab");
            tmux.await("the focus leaving " + focused, s -> !focusedField(s).equals(focused), SCREEN_MILLIS);
        }
        throw new AssertionError("no form field '" + label + "':\n" + tmux.screen());
    }

    private static String focusedField(String screen) {
        return screen.lines().filter(l -> l.startsWith("> ")).findFirst().orElse("");
    }

    private static void fill(String label, String value) throws Exception {
        focus(label);
        tmux.keys("C-u");
        tmux.type(value);
        // a long value scrolls in its box: its end shows while typing
        String end = value.substring(Math.max(0, value.length() - 20));
        tmux.await(label + " = " + value, s -> line(s, label).contains(end), SCREEN_MILLIS);
    }

    private static void prompt(String key, String label, String text) throws Exception {
        tmux.keys(key);
        tmux.await(label, SCREEN_MILLIS);
        tmux.keys("C-u");
        tmux.type(text);
        tmux.keys("Enter");
    }

    /** @return the first line that shows {@code label} (a form field), or "" */
    private static String line(String screen, String label) {
        return screen.lines().filter(l -> l.matches("[> ] " + java.util.regex.Pattern.quote(label) + "\\b.*"))
                .findFirst().orElse("");
    }

    /** @return the table row of a forward, or "" when it is not shown */
    private static String row(String screen, String alias) {
        return screen.lines().filter(l -> l.matches("[* ] " + java.util.regex.Pattern.quote(alias) + " .*"))
                .findFirst().orElse("");
    }

    private void save(String name) throws Exception {
        ScreenPicture.save(SCREENSHOTS, name, tmux.screenWithEscapes());
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "http://127.0.0.1:" + port + path)
                .redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        curl.waitFor(20, TimeUnit.SECONDS);
        if (curl.exitValue() == 7) {
            throw new ConnectException("curl: " + body);
        }
        assertEquals(0, curl.exitValue(), body);
        return body;
    }

    /** Runs a one-shot {@code kftray} command on the same home; it must succeed. */
    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(KFTRAY.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KFTRAY_HOME", home.toString());
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kftray " + String.join(" ", args) + " ended");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
