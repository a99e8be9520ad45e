package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user sees on a fresh home: commands that once printed stack traces (sqlite's native
 * library loaded twice, the cluster client warm-up cut short, a binary import) print clear lines
 * only, and an import of a protocol nobody provides says so. No command's shutdown has the framework
 * complain about a bundle's class loader (a thread of a stopped bundle loading classes), and a
 * foreground start that fails says so once.
 */
class CleanOutputIT {
    private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at [\\w$.]+\\(|Exception in thread|Error:|Caused by:");

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
        kube.namespace("dev").app("web", echo.address());
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
        home = dir.resolve("home");
        configs = Files.writeString(dir.resolve("configs.json"), "[{\"alias\":\"web\",\"namespace\":\"dev\","
                + "\"service\":\"web\",\"remote_port\":\"80\",\"local_port\":0,\"workload_type\":\"service\","
                + "\"protocol\":\"tcp\",\"context\":\"" + kube.contextName() + "\",\"kubeconfig\":\"" + kubeconfig
                + "\"},{\"alias\":\"stream\",\"namespace\":\"dev\",\"service\":\"web\",\"remote_port\":\"80\","
                + "\"workload_type\":\"service\",\"protocol\":\"sctp\"}]");
    }

    @AfterEach
    void stopCluster() {
        kube.close();
        echo.close();
    }

    @Test
    void aNewUsersCommandsPrintNoStackTrace() throws Exception {
        KftrayProcess.Result imported = KftrayProcess.run(home, "import", configs.toString());
        assertEquals(0, imported.exit(), imported.text());
        assertTrue(imported.err().stream().anyMatch(l -> l.startsWith("kftray: warning: forward 'stream' uses protocol "
                + "'sctp', which no installed bundle provides")), imported.text());
        assertClean(imported);

        List<String> foreground;
        try (KftrayProcess start = KftrayProcess.launch(home, "start", "web")) {
            start.await("web: 127.0.0.1:", 90);
            start.terminate(10);
            foreground = start.lines();
        }
        assertClean(foreground);

        KftrayProcess.Result logs = KftrayProcess.run(home, "logs", "web");
        assertEquals(0, logs.exit(), logs.text());
        assertEquals(List.of("kftray: no HTTP log entries for forward 'web'; HTTP logging is off for it (turn it on "
                + "with 'kftray edit web --http-logs')"), logs.err());
        assertClean(logs);

        KftrayProcess.Result failed = KftrayProcess.run(home, "start", "stream");
        assertEquals(1, failed.exit(), failed.text());
        assertEquals(1, failed.text().lines().filter(l -> l.contains("forward 'stream' failed")).count(), failed.text());
        assertClean(failed);

        Path binary = Files.write(dir.resolve("configs.bin"), new byte[] {0x1f, (byte) 0x8b, 8, 0, (byte) 0xff, 0});
        KftrayProcess.Result refused = KftrayProcess.run(home, "import", binary.toString());
        assertEquals(2, refused.exit(), refused.text());
        assertEquals(1, refused.err().size(), refused.text());
        assertTrue(refused.err().get(0).contains("not UTF-8 text"), refused.text());
    }

    private static void assertClean(KftrayProcess.Result result) {
        assertClean(List.of(result.text().split("\n")));
    }

    private static void assertClean(List<String> lines) {
        for (String line : lines) {
            assertFalse(STACK_TRACE.matcher(line).find() || line.contains("UnsatisfiedLinkError")
                    || line.contains("ServiceConfigurationError") || line.startsWith("SLF4J")
                    || line.contains("Unable to get module class path") || line.contains("ERROR felix"),
                    String.join("\n", lines));
        }
    }
}
