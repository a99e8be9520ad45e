package app.kftray.itests.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app as a user meets it: the real launcher with the {@code desktop} feature on
 * a virtual display, an emulated cluster, and the UI driven through its automation hook.
 * Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopAppIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    @TempDir
    static Path dir;
    static EchoServer echo;
    static KubeEmulator kube;
    static Path kubeconfig;
    static DesktopProcess desktop;
    static UiDriver ui;
    static int localPort;

    @BeforeAll
    static void startDesktop() throws Exception {
        assertTrue(DesktopProcess.xvfbAvailable(), "Xvfb is not installed; scripts/test-prerequisites.sh installs it");
        echo = EchoServer.start();
        kube = KubeEmulator.start();
        kube.namespace("dev").app("web", echo.address());
        kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        localPort = freePort();
        desktop = DesktopProcess.start(AutomationDistribution.create(dir.resolve("dist")), dir.resolve("home"));
        ui = new UiDriver(desktop.awaitHookPort(1, 90));
        desktop.awaitLine("desktop UI started", 30);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (ui != null) {
            ui.close();
        }
        if (desktop != null) {
            desktop.close();
        }
        if (kube != null) {
            kube.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    @Order(1)
    void badInputInTheDialogIsShownNextToTheFieldAndNothingIsSaved() throws Exception {
        ui.ok("click main.add");
        ui.ok("set dialog.alias broken");
        ui.ok("set dialog.local_port abc");
        ui.ok("click dialog.save");
        assertEquals("is required", ui.ok("text dialog.error.namespace"));
        assertTrue(ui.ok("text dialog.error.local_port").contains("'abc' is not a number"));
        ui.ok("set dialog.local_port 70000");
        assertTrue(ui.ok("text dialog.error.local_port").contains("65535"), "validated live once saving was tried");
        ui.ok("screenshot dialog " + SCREENSHOTS.resolve("dialog-errors.png"));
        ui.ok("click dialog.cancel");
        assertEquals("", ui.ok("rows main.forwards"));
        assertTrue(ui.send("bogus command").startsWith("error unknown command"));
        assertTrue(ui.send("click no.such.widget").contains("no widget with id 'no.such.widget'"));
        assertEquals("pong", ui.ok("ping"), "the hook keeps serving after bad commands");
    }

    @Test
    @Order(2)
    void addAForwardWithClusterDropDownsStartItMoveBytesAndStopIt() throws Exception {
        ui.ok("click main.add");
        // no helper runs on the test machine's default socket: the dialog says so next to its check boxes
        ui.await("text dialog.helper", state -> state.startsWith("the kftray helper is not installed (no socket "
                + "/run/kftray-helper/helper.sock); install it with 'sudo kftray helper install'"), 10_000);
        ui.ok("set dialog.alias web");
        ui.ok("set dialog.kubeconfig " + kubeconfig);
        ui.await("items dialog.context", items -> items.contains(kube.contextName()), 30_000);
        ui.ok("set dialog.context " + kube.contextName());
        ui.await("items dialog.namespace", items -> items.contains("dev"), 30_000);
        ui.ok("set dialog.namespace dev");
        ui.await("items dialog.service", items -> items.equals("web"), 30_000);
        ui.ok("set dialog.service web");
        assertEquals("80", ui.await("items dialog.remote_port", items -> !items.isEmpty(), 5_000));
        ui.ok("set dialog.remote_port 80");
        ui.ok("set dialog.local_port " + localPort);
        ui.ok("screenshot dialog " + SCREENSHOTS.resolve("dialog-add.png"));
        ui.ok("click dialog.save");
        ui.await("rows main.forwards", rows -> rows.equals("web"), 5_000);
        assertEquals("svc/web:80", ui.ok("cell main.forwards web Target"));

        ui.ok("select main.forwards web");
        ui.ok("click main.start");
        ui.await("cell main.forwards web State", "RUNNING"::equals, 20_000);
        assertEchoes("through the desktop-started forward");
        String bytes = ui.await("cell main.forwards web Bytes", b -> !b.startsWith("0 B in"), 5_000);
        System.out.println("bytes after one exchange: " + bytes);
        ui.await("text main.details", d -> d.contains("Pod: web-1"), 5_000);
        ui.ok("screenshot main.window " + SCREENSHOTS.resolve("window-running.png"));

        ui.ok("tray-menu");
        assertTrue(ui.ok("text tray.forward.web").endsWith("RUNNING [x]"));
        Thread.sleep(500);
        ui.ok("screenshot screen " + SCREENSHOTS.resolve("tray-menu.png"));
        ui.ok("click tray.forward.web");
        ui.await("cell main.forwards web State", "STOPPED"::equals, 10_000);
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), localPort).close());
    }

    @Test
    @Order(3)
    void aForwardAddedByAnotherProcessAppearsWithinASecond() throws Exception {
        Path kftray = Path.of(System.getProperty("kftray.dist"), "bin", "kftray");
        ProcessBuilder add = new ProcessBuilder(kftray.toString(), "add", "-a", "api", "-n", "dev", "-s", "web",
                "-r", "80", "-l", Integer.toString(freePort()), "--group", "ops").redirectErrorStream(true);
        add.environment().put("KFTRAY_HOME", dir.resolve("home").toString());
        add.environment().remove("DISPLAY");
        Process cli = add.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "kftray add finished");
        assertEquals(0, cli.exitValue(), output);
        long saved = System.nanoTime();
        ui.await("rows main.forwards", rows -> rows.equals("api,web"), 3_000);
        long millis = (System.nanoTime() - saved) / 1_000_000;
        System.out.println("config added with the CLI visible in the window " + millis + " ms after the command ended");
        assertTrue(millis <= 1000, "appeared after " + millis + " ms");
        assertEquals("Group: ops+,Context: " + kube.contextName() + "+", ui.ok("groups main.forwards"),
                "listed under the group the command gave it");
    }

    @Test
    @Order(4)
    void restartingTheUiBundleKeepsForwardsRunning() throws Exception {
        ui.ok("select main.forwards web");
        ui.ok("click main.start");
        ui.await("cell main.forwards web State", "RUNNING"::equals, 20_000);
        assertEquals("ok restarting", ui.send("restart-bundle"));
        ui.close();
        ui = new UiDriver(desktop.awaitHookPort(2, 30));
        desktop.awaitLine("desktop UI stopped; forwards keep running", 5);
        assertEchoes("while the UI bundle restarts");
        ui.await("cell main.forwards web State", "RUNNING"::equals, 5_000);
        assertEchoes("after the UI bundle restarted");
        ui.ok("click menu.stopAll");
        ui.await("cell main.forwards web State", "STOPPED"::equals, 10_000);
    }

    private static void assertEchoes(String when) throws IOException {
        byte[] message = ("hello " + when).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), localPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(message);
            InputStream in = socket.getInputStream();
            assertArrayEquals(message, in.readNBytes(message.length), "echo " + when);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
