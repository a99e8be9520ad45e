package app.kftray.itests.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigWriter;
import app.kftray.emulator.ServicePort;
import app.kftray.emulator.auth.Identity;
import app.kftray.itests.forward.fixture.Nginx;
import app.kftray.testing.git.GitDaemon;
import app.kftray.testing.git.GitRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app's grouped window, settings, HTTP-log viewer with replay and tray states, driven
 * through the real bundles on a virtual display against an emulated cluster whose "api" service is
 * a real nginx serving JSON. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopWorkbenchIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final String JSON_PATH = "/data.json";

    @TempDir
    static Path dir;
    static EchoServer echo;
    static Nginx nginx;
    static KubeEmulator kube;
    static Path kubeconfig;
    static Path xdgConfig;
    static Path accessLog;
    static DesktopProcess desktop;
    static UiDriver ui;
    static int apiPort;

    @BeforeAll
    static void startDesktop() throws Exception {
        assertTrue(DesktopProcess.xvfbAvailable(), "Xvfb is not installed; scripts/test-prerequisites.sh installs it");
        echo = EchoServer.start();
        accessLog = dir.resolve("nginx-access.log");
        nginx = Nginx.start(Files.createDirectories(dir.resolve("nginx")), "<p>hello</p>\n", String.join("\n",
                "    types { text/html html; application/json json; }",
                "    access_log " + accessLog + ";"));
        Files.writeString(nginx.docroot().resolve(JSON_PATH.substring(1)), IntStream.range(0, 3)
                .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"item " + i + "\"}").collect(Collectors.joining(",", "[", "]\n")));
        kube = KubeEmulator.start();
        kube.namespace("dev").app("web", echo.address()).app("api", nginx.address());
        kube.namespace("shop").service("orders", Map.of("app", "orders"), List.of(ServicePort.port(80, "http", 8080)),
                Map.of("kftray.app/enabled", "true", "kftray.app/configs", "orders-18081-http,bad-item"));
        kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        xdgConfig = dir.resolve("xdg-config");
        apiPort = freePort();
        desktop = DesktopProcess.start(AutomationDistribution.create(dir.resolve("dist")), dir.resolve("home"),
                Map.of("XDG_CONFIG_HOME", xdgConfig.toString()), "1024x600x24"); // the smallest screen it must work on
        ui = new UiDriver(desktop.awaitHookPort(1, 90));
        desktop.awaitLine("desktop UI started", 30);
        Files.createDirectories(SCREENSHOTS);
        Path forwards = dir.resolve("forwards.json");
        String context = kube.contextName();
        Files.writeString(forwards, "[" + String.join(",",
                forward("api", context, "api", apiPort, ", \"group\": \"backend\", \"http_logs_enabled\": true"),
                forward("web", context, "web", freePort(), ""),
                forward("ghost", context, "ghost", freePort(), ""),
                forward("docs", "staging", "docs", freePort(), "")) + "]");
        ui.ok("import " + forwards);
        ui.await("rows main.forwards", rows -> rows.split(",").length == 4, 10_000);
    }

    private static String forward(String alias, String context, String service, int port, String more) {
        return "{\"alias\": \"" + alias + "\", \"context\": \"" + context + "\", \"kubeconfig\": \"" + kubeconfig
                + "\", \"namespace\": \"dev\", \"workload_type\": \"service\", \"service\": \"" + service
                + "\", \"remote_port\": 80, \"local_port\": " + port + more + "}";
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {ui, desktop, kube, echo}) {
            if (part != null) {
                part.close();
            }
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    @Order(1)
    void forwardsAreGroupedByGroupThenContextSortableAndCollapsible() throws Exception {
        String context = kube.contextName();
        assertEquals("Group: backend+,Context: " + context + "+,Context: staging+", ui.ok("groups main.forwards"));
        assertEquals("api,web,ghost,docs", ui.ok("rows main.forwards"));
        assertEquals("0 of 2 running", ui.ok("cell main.forwards Context: " + context + " State"));
        assertEquals("up", ui.ok("sort main.forwards Alias"));
        assertEquals("api,ghost,web,docs", ui.ok("rows main.forwards"), "sorted within each heading");
        assertEquals("down", ui.ok("sort main.forwards Alias"));
        assertEquals("api,web,ghost,docs", ui.ok("rows main.forwards"));
        ui.ok("expand main.forwards Context: staging false");
        assertEquals("Group: backend+,Context: " + context + "+,Context: staging-", ui.ok("groups main.forwards"));
        Thread.sleep(1200); // a refresh or two later the heading is still collapsed
        assertTrue(ui.ok("groups main.forwards").endsWith("Context: staging-"));
        ui.ok("select main.forwards api");
        ui.ok("screenshot main.window " + SCREENSHOTS.resolve("window-grouped.png"));
    }

    @Test
    @Order(2)
    void trayIconTellsNoneAllOrSomeFailingAndTheMenuIsGrouped() throws Exception {
        assertTrue(ui.ok("tray-state").startsWith("NONE_RUNNING kftray: no forward running"));
        ui.ok("tray-icons " + SCREENSHOTS.resolve("tray-none.png"));

        ui.ok("check-row main.forwards api true");
        ui.await("cell main.forwards api State", "RUNNING"::equals, 40_000);
        assertEquals("true", ui.ok("checked main.forwards Group: backend"));
        ui.await("tray-state", s -> s.startsWith("ALL_RUNNING kftray: all forwards running"), 5_000);
        ui.ok("tray-icons " + SCREENSHOTS.resolve("tray-running.png"));

        ui.ok("select main.forwards web,ghost");
        ui.ok("click main.start");
        ui.await("cell main.forwards web State", "RUNNING"::equals, 20_000);
        ui.await("cell main.forwards ghost State", s -> s.equals("FAILED") || s.equals("RECONNECTING"), 30_000);
        ui.await("tray-state", s -> s.startsWith("SOME_FAILING kftray: some forwards degraded or failing"), 5_000);
        ui.ok("tray-icons " + SCREENSHOTS.resolve("tray-failing.png"));
        ui.ok("select main.forwards ghost");
        ui.await("text main.details", d -> d.contains("Last error: service 'ghost' not found"), 5_000);
        ui.ok("screenshot main.window " + SCREENSHOTS.resolve("window-states.png"));
        assertEquals("true grayed", ui.ok("checked main.forwards Context: " + kube.contextName()));
        ui.await("notifications", n -> n.contains("Forward ghost"), 30_000);

        ui.ok("tray-menu");
        assertTrue(ui.ok("text tray.group.Group:backend").startsWith("Group: backend  (1 of 1 running)"));
        assertTrue(ui.ok("text tray.forward.api").endsWith("RUNNING [x]"));
        assertTrue(ui.ok("text tray.forward.docs").endsWith("STOPPED"));
        Thread.sleep(300);
        ui.ok("screenshot screen " + SCREENSHOTS.resolve("tray-menu-grouped.png"));
        ui.ok("click tray.forward.web");
        ui.await("cell main.forwards web State", "STOPPED"::equals, 10_000);
        ui.ok("check-row main.forwards ghost false");
        ui.await("cell main.forwards ghost State", "STOPPED"::equals, 10_000);
        ui.await("tray-state", s -> s.startsWith("ALL_RUNNING"), 5_000);
    }

    @Test
    @Order(3)
    void notificationsAboutAFlappingForwardAreHeldBack() throws Exception {
        String before = ui.ok("notifications");
        for (int i = 0; i < 3; i++) {
            ui.ok("select main.forwards ghost");
            ui.ok("click main.start");
            ui.await("cell main.forwards ghost State", s -> s.equals("FAILED") || s.equals("RECONNECTING"), 30_000);
            ui.ok("click main.stop");
            ui.await("cell main.forwards ghost State", "STOPPED"::equals, 10_000);
        }
        long shown = countOf(ui.ok("notifications"), "Forward ghost") - countOf(before, "Forward ghost");
        assertEquals(0, shown, "no second notification about ghost within a minute: " + ui.ok("notifications"));
        assertTrue(Integer.parseInt(ui.ok("held-back")) >= 1, "held back and counted");
    }

    @Test
    @Order(0)
    void everyControlHasALabelAndMnemonicEveryActionAShortcutAndTheWindowFits1024x600() throws Exception {
        assertEquals("", ui.ok("unlabelled main.window"));
        String menu = ui.ok("menu-bar main.window");
        assertFalse(menu.contains("[no accelerator]"), menu);
        assertTrue(menu.contains("Forwa&rds > &Add… Ctrl+N"), menu);
        ui.ok("window");
        Thread.sleep(500);
        System.out.println("focus before ctrl+n: " + ui.ok("focus"));
        ui.ok("key ctrl+n");
        ui.await("text dialog", "Add forward"::equals, 5_000);
        assertEquals("", ui.ok("unlabelled dialog"));
        ui.ok("click dialog.cancel");
        ui.ok("bounds main.window 0 0 1024 600");
        ui.ok("window"); // no window manager gives the focus back when the dialog closes
        ui.ok("key ctrl+n");
        ui.await("text dialog", "Add forward"::equals, 5_000);
        assertEquals("", ui.ok("outside dialog"), "the add dialog fits the 600 px high screen (its form scrolls)");
        ui.ok("screenshot dialog " + SCREENSHOTS.resolve("dialog-1024x600.png"));
        ui.ok("click dialog.cancel");
        Thread.sleep(300);
        assertEquals("", ui.ok("outside main.window"));
        ui.ok("screenshot main.window " + SCREENSHOTS.resolve("window-1024x600.png"));
    }

    @Test
    @Order(5)
    void settingsOutOfRangeSaveNothingValidOnesAreKeptAndAutostartIsWrittenAndRemoved() throws Exception {
        Path entry = xdgConfig.resolve("autostart").resolve("kftray.desktop");
        ui.ok("click main.settings");
        ui.await("text settings.http_logs_max_file_size", "10"::equals, 5_000);
        assertEquals("", ui.ok("unlabelled settings"));
        assertEquals("", ui.ok("outside settings"));
        ui.await("text settings.helper", s -> s.contains("helper"), 10_000);
        ui.ok("set settings.http_logs_retention_days 30");
        ui.ok("set settings.http_logs_max_file_size 0");
        ui.ok("set settings.disconnect_timeout_minutes -5");
        ui.ok("click settings.save");
        assertEquals("'0' is not a whole number from 1 to 1000 MiB", ui.ok("text settings.error.http_logs_max_file_size"));
        assertEquals("'-5' is not a whole number from 0 to 1440 minutes",
                ui.ok("text settings.error.disconnect_timeout_minutes"));
        ui.ok("screenshot settings " + SCREENSHOTS.resolve("settings-errors.png"));
        ui.ok("click settings.cancel");
        ui.ok("click main.settings");
        ui.await("text settings.http_logs_retention_days", "7"::equals, 5_000);

        ui.ok("set settings.http_logs_max_file_size 25");
        ui.ok("set settings.http_logs_retention_days 30");
        ui.ok("set settings.http_logs_body_level headers");
        ui.ok("set settings.disconnect_timeout_minutes 15");
        ui.ok("check settings.network_monitor false");
        ui.ok("check settings.autostart true");
        Thread.sleep(200); // let the check box redraw before the picture
        ui.ok("screenshot settings " + SCREENSHOTS.resolve("settings.png"));
        ui.ok("click settings.save");
        ui.await("text main.status", "Settings saved."::equals, 5_000);
        String written = Files.readString(entry);
        assertTrue(written.contains("Exec=" + dir.resolve("dist").resolve("bin").resolve("kftray") + " --feature desktop"),
                written);
        ui.ok("click main.settings");
        ui.await("text settings.http_logs_max_file_size", "25"::equals, 5_000);
        assertEquals("30", ui.ok("text settings.http_logs_retention_days"));
        assertEquals("headers", ui.ok("text settings.http_logs_body_level"));
        assertEquals("15", ui.ok("text settings.disconnect_timeout_minutes"));
        assertFalse(ui.ok("text settings.network_monitor").endsWith("[x]"));
        assertTrue(ui.ok("text settings.autostart").endsWith("[x]"));
        ui.ok("check settings.autostart false");
        ui.ok("set settings.http_logs_body_level full");
        ui.ok("click settings.save");
        ui.await("text main.status", "Settings saved."::equals, 5_000);
        assertFalse(Files.exists(entry), "the autostart entry is removed");
        // HTTP logging reads the settings every 2 s: the log viewer's test needs bodies logged again
        Thread.sleep(3_000);
    }

    @Test
    @Order(6)
    void theLogViewerFollowsExchangesShowsJsonCopiesCurlAndReplaysThroughTheForward() throws Exception {
        ui.ok("select main.forwards web");
        ui.ok("click main.httpLog");
        ui.await("text log.state", s -> s.contains("HTTP logging is off for this forward"), 5_000);
        ui.ok("close-shell log.window");

        ui.ok("select main.forwards api");
        ui.ok("click main.httpLog");
        ui.await("text log.state", s -> s.contains("no log file yet"), 5_000);
        assertEquals("", ui.ok("unlabelled log.window"));
        assertEquals("", ui.ok("outside log.window"));
        curl("http://127.0.0.1:" + apiPort + JSON_PATH);
        ui.await("column log.exchanges Path", JSON_PATH::equals, 10_000);
        assertEquals("200", ui.ok("column log.exchanges Status"));
        assertEquals("GET", ui.ok("column log.exchanges Method"));
        ui.await("text log.state", s -> s.contains("following the log"), 5_000);
        ui.ok("select-index log.exchanges -1");
        String original = ui.ok("text log.original");
        assertTrue(original.contains("GET " + JSON_PATH + " HTTP/1.1") && original.contains("\"name\" : \"item 0\""),
                original);
        ui.ok("click log.curl");
        assertTrue(ui.ok("clipboard").startsWith("curl -X GET 'http://127.0.0.1:" + apiPort + JSON_PATH + "'"),
                ui.ok("clipboard"));
        ui.ok("screenshot log.window " + SCREENSHOTS.resolve("log-viewer.png"));

        assertEquals(1, requestsAtBackend());
        ui.ok("click log.replayButton");
        String replayed = ui.await("text log.replay", s -> s.contains("HTTP/1.1 200"), 15_000);
        assertTrue(replayed.contains("\"name\" : \"item 2\""), replayed);
        assertEquals(2, requestsAtBackend(), "the replay reached nginx");
        ui.await("column log.exchanges Path", (JSON_PATH + "," + JSON_PATH)::equals, 10_000);
        ui.ok("screenshot log.window " + SCREENSHOTS.resolve("replay.png"));

        ui.ok("set log.status abc");
        assertTrue(ui.ok("text log.filterError").contains("status filter must be"));
        ui.ok("set log.status 5xx");
        assertEquals("", ui.ok("column log.exchanges Path"));
        ui.ok("set log.status \"\"");
        ui.ok("set log.method POST");
        assertEquals("", ui.ok("column log.exchanges Path"));
        ui.ok("set log.method \"\"");
        assertEquals(JSON_PATH + "," + JSON_PATH, ui.ok("column log.exchanges Path"));

        Path log = dir.resolve("home").resolve("http_logs").resolve(logName()).resolve("exchanges.jsonl");
        Files.writeString(log, "{this is not json\n", StandardOpenOption.APPEND);
        ui.await("text log.state", s -> s.contains("1 unreadable line(s) of the log skipped"), 10_000);
        curl("http://127.0.0.1:" + apiPort + "/index.html");
        ui.await("column log.exchanges Path", p -> p.endsWith("/index.html"), 10_000);

        // truncated in place while the forward logs (copy-and-truncate rotation): said, and followed on
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        ui.await("text log.state", s -> s.contains("the log file was truncated at"), 10_000);
        curl("http://127.0.0.1:" + apiPort + "/index.html?after=truncation");
        ui.await("column log.exchanges Path", p -> p.endsWith("/index.html?after=truncation"), 10_000);

        ui.ok("select main.forwards api");
        ui.ok("click main.stop");
        ui.await("cell main.forwards api State", "STOPPED"::equals, 10_000);
        ui.ok("select-index log.exchanges -1");
        ui.ok("click log.replayButton");
        assertEquals("Cannot replay: the forward api is STOPPED. Start it, then replay the request.",
                ui.ok("text log.replay"));
        assertEquals(2, requestsAtBackend(), "nothing more reached nginx");

        // rotated: another file takes the log's name; the viewer says so and reads the new file
        String last = Files.readAllLines(log).stream().filter(line -> line.contains("after=truncation")).findFirst()
                .orElseThrow();
        Files.move(log, log.resolveSibling("moved-away.log"));
        Path fresh = log.resolveSibling("fresh.tmp");
        Files.writeString(fresh, last.replace("after=truncation", "after=rotation")
                .replaceAll("\"trace_id\":\"[^\"]*\"", "\"trace_id\":\"rotated-entry\"") + "\n");
        Files.move(fresh, log, StandardCopyOption.ATOMIC_MOVE);
        ui.await("text log.state", s -> s.contains("the log file was rotated at") && s.endsWith("; following the log"),
                10_000);
        ui.await("column log.exchanges Path", p -> p.contains("/index.html?after=rotation"), 10_000);
        assertTrue(ui.ok("column log.exchanges Path").contains("log file rotated: following the new file"),
                "the rotation is a line of the list too");
        ui.ok("select-index log.exchanges -1");
        ui.ok("screenshot log.window " + SCREENSHOTS.resolve("log-viewer-rotated.png"));
        ui.ok("close-shell log.window");
    }

    @Test
    @Order(7)
    void theWindowOpensWhereItWasAfterARestart() throws Exception {
        ui.ok("bounds main.window 40 30 900 520");
        Thread.sleep(1500); // saved half a second after the last move
        assertEquals("ok restarting", ui.send("restart-bundle"));
        ui.close();
        ui = new UiDriver(desktop.awaitHookPort(2, 30));
        ui.await("bounds main.window", "40,30,900,520"::equals, 10_000);
    }

    @Test
    @Order(8)
    void gitSyncChecksTheFormSaysWhenTheRepositoryIsUnreachableSyncsAndTurnsOff() throws Exception {
        Path served = Files.createDirectories(dir.resolve("git"));
        GitRepository repo = GitRepository.create(served, "configs.git", "main");
        // services no saved forward points at, so the import merge creates rather than updates
        String synced = forward("synced", kube.contextName(), "synced-svc", freePort(), "");
        repo.commit("main", "kftray/configs.json", "[" + synced + "]");
        try (GitDaemon daemon = GitDaemon.start(served, dir)) {
            ui.ok("window");
            ui.ok("click main.settings");
            ui.ok("tab settings.tabs Git sync");
            ui.await("text sync.status", "Sync is off."::equals, 10_000);
            assertEquals("", ui.ok("unlabelled settings"), "every tab's controls have labels and mnemonics");

            ui.ok("set sync.url not a url");
            ui.ok("set sync.interval 0");
            ui.ok("click sync.save");
            assertEquals("'not a url' is not a Git URL: use https://host/org/repo.git, git@host:org/repo.git or an"
                    + " absolute path", ui.ok("text sync.error.url"));
            assertEquals("the file in the repository is required, e.g. configs.json", ui.ok("text sync.error.path"));
            assertEquals("'0' is not a whole number from 1 to 1440 minutes", ui.ok("text sync.error.interval"));
            assertEquals("Sync is off.", ui.ok("text sync.status"), "nothing saved");

            String unreachable = "git://127.0.0.1:" + freePort() + "/configs.git";
            ui.ok("set sync.url " + unreachable);
            ui.ok("set sync.path kftray/configs.json");
            ui.ok("set sync.interval 5");
            ui.ok("click sync.save");
            ui.await("text sync.error", e -> e.startsWith("cannot reach " + unreachable), 40_000);
            assertTrue(ui.ok("text sync.status").endsWith("failed."), ui.ok("text sync.status"));
            assertFalse(ui.ok("rows main.forwards").contains("synced"));

            ui.ok("set sync.url " + daemon.url("configs.git"));
            ui.ok("click sync.save");
            String status = ui.await("text sync.status", s -> s.endsWith("succeeded."), 40_000);
            assertTrue(status.contains("1 created, 0 updated, 0 removed"), status);
            assertEquals("", ui.ok("text sync.error"));
            ui.await("rows main.forwards", r -> r.contains("synced"), 10_000);
            assertEquals("", ui.ok("outside settings"));
            ui.ok("screenshot settings " + SCREENSHOTS.resolve("settings-git-sync.png"));

            repo.commit("main", "kftray/configs.json", "[" + synced + ","
                    + forward("synced-2", kube.contextName(), "synced-svc-2", freePort(), "") + "]");
            ui.ok("click sync.now");
            ui.await("rows main.forwards", r -> r.contains("synced-2"), 40_000);
            ui.await("text sync.status", s -> s.contains("1 created, 0 updated") && s.endsWith("succeeded."), 5_000);

            ui.ok("click sync.off");
            ui.await("text sync.status", "Sync is off."::equals, 10_000);
            ui.ok("close-shell settings");
        }
    }

    @Test
    @Order(9)
    void autoImportPreviewsThenImportsAnnotatedServicesAndSaysWhenTheClusterRefuses() throws Exception {
        ui.ok("click main.settings");
        ui.ok("tab settings.tabs Auto-import");
        ui.ok("set import.kubeconfig " + kubeconfig);
        ui.await("items import.context", items -> items.contains(kube.contextName()), 10_000);
        ui.ok("set import.context " + kube.contextName());
        ui.ok("set import.namespace shop");
        ui.ok("click import.preview");
        ui.await("column import.found Alias", "orders"::equals, 20_000);
        assertEquals("18081", ui.ok("column import.found Local port"));
        String preview = ui.ok("text import.result");
        assertTrue(preview.startsWith("Dry run: 1 forward(s) found in shop; nothing saved."), preview);
        assertTrue(preview.contains("Skipped shop/orders: item 'bad-item' is not alias-localPort-targetPort"), preview);
        assertFalse(ui.ok("rows main.forwards").contains("orders"), "a dry run saves nothing");
        assertEquals("", ui.ok("outside settings"));
        ui.ok("screenshot settings " + SCREENSHOTS.resolve("settings-auto-import.png"));

        ui.ok("click import.apply");
        ui.await("text import.result", r -> r.startsWith("Imported from shop: 1 created, 0 updated, 0 unchanged."),
                20_000);
        ui.await("rows main.forwards", r -> r.contains("orders"), 10_000);

        // a namespace-scoped account is refused the services of another namespace (403)
        String token = kube.issueToken(Identity.namespaced("dev-user", "dev"), Duration.ofMinutes(10));
        Path scoped = KubeconfigWriter.write(dir.resolve("dev.kubeconfig"),
                List.of(kube.context("dev-user", "dev", token)));
        ui.ok("set import.kubeconfig " + scoped);
        ui.await("items import.context", "dev-user"::equals, 10_000);
        ui.ok("set import.context dev-user");
        ui.ok("set import.namespace shop");
        ui.ok("click import.preview");
        ui.await("text import.error", e -> e.startsWith("cannot list services in shop: services is forbidden"), 20_000);
        assertEquals("", ui.ok("rows import.found"));
        assertEquals("false", ui.ok("enabled import.apply"));
        ui.ok("close-shell settings");
    }

    @Test
    @Order(10)
    void withoutTheSyncBundleBothTabsSaySoAndComeBackWithIt() throws Exception {
        assertTrue(ui.send("bundle app.kftray.sync stop").startsWith("ok "), "the sync bundle stops");
        try {
            ui.ok("click main.settings");
            ui.ok("tab settings.tabs Git sync");
            assertTrue(ui.ok("text sync.absent").startsWith("Git sync is not installed in this kftray runtime"));
            assertTrue(ui.ok("text import.absent").startsWith("Auto-import is not installed in this kftray runtime"));
            assertEquals("", ui.ok("unlabelled settings"));
            ui.ok("close-shell settings");
        } finally {
            assertTrue(ui.send("bundle app.kftray.sync start").startsWith("ok "), "the sync bundle starts again");
        }
        ui.ok("click main.settings");
        ui.ok("tab settings.tabs Git sync");
        ui.await("text sync.status", "Sync is off."::equals, 10_000);
        ui.ok("close-shell settings");
    }

    private static String logName() throws Exception {
        return ui.ok("forward-id api");
    }

    private static long requestsAtBackend() throws IOException {
        return Files.readAllLines(accessLog).stream().filter(line -> line.contains("\"GET " + JSON_PATH + " ")).count();
    }

    private static void curl(String url) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", url)
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(20, TimeUnit.SECONDS));
        assertEquals("200", out.trim(), "curl " + url);
    }

    private static long countOf(String text, String part) {
        return text.isEmpty() ? 0 : (text.length() - text.replace(part, "").length()) / part.length();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
