package app.kftray.itests.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigContext;
import app.kftray.emulator.KubeconfigWriter;
import app.kftray.itests.socks.CommandResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kftray doctor} of the distribution against the emulated cluster: a healthy setup passes
 * with exit 0; an unreachable API server, rejected (expired) credentials, a missing helper that a
 * forward needs and a machine without a kubeconfig each give one explaining FAIL line and exit 1.
 */
class DoctorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String NAMESPACE = "dev";
    /** Every finding is one line: level, topic, text. */
    private static final Pattern LINE = Pattern.compile("(ok|warn|FAIL) +[a-z]+ +\\S.*|kftray doctor: .*");

    @TempDir
    Path dir;

    private KubeEmulator kube;
    private Path home;

    @BeforeEach
    void cluster() throws Exception {
        kube = KubeEmulator.start();
        kube.namespace(NAMESPACE);
        // as kftray creates it: the user's alone
        home = Files.createDirectories(dir.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopCluster() {
        kube.close();
    }

    @Test
    void aHealthySetupPassesAndTheUnreachableAndExpiredContextsFail() throws Exception {
        Path healthy = kube.writeKubeconfig(dir.resolve("healthy"), NAMESPACE);
        CommandResult passed = doctor("--kubeconfig", healthy.toString());
        assertEquals(0, passed.exit(), passed.text());
        assertLines(passed);
        assertTrue(passed.out().contains("ok    java       Java "), passed.out());
        assertTrue(passed.out().contains("ok    home       " + home + " is yours alone (rwx------)"), passed.out());
        assertTrue(passed.out().contains("ok    cluster    " + kube.contextName()
                + ": the API server answers and accepts the credentials"), passed.out());
        assertTrue(passed.out().contains("ok    rbac       " + kube.contextName() + ": may create pods/portforward in "
                + NAMESPACE), passed.out());
        assertTrue(passed.out().contains("ok    rbac       " + kube.contextName() + ": may create pods in "
                + NAMESPACE), passed.out());
        assertTrue(passed.out().contains("ok    relay      relay pods run image "), passed.out());
        assertTrue(passed.out().endsWith("kftray doctor: no problems found\n"), passed.out());

        Path broken = KubeconfigWriter.write(dir.resolve("broken"), List.of(
                new KubeconfigContext("down", "https://127.0.0.1:" + closedPort(), kube.caPem(), kube.token(), NAMESPACE),
                new KubeconfigContext("expired", kube.url(), kube.caPem(), "a-token-that-expired", NAMESPACE)));
        CommandResult failed = doctor("--kubeconfig", broken.toString());
        assertEquals(1, failed.exit(), failed.text());
        assertLines(failed);
        assertTrue(failed.out().contains("FAIL  cluster    down: the API server is not reachable"), failed.out());
        assertTrue(failed.out().contains("FAIL  cluster    expired: the API server rejects the credentials"),
                failed.out());
        assertTrue(failed.out().contains("invalid or expired: log in again or refresh the kubeconfig"), failed.out());
        assertTrue(failed.out().endsWith("kftray doctor: 2 problem(s) found\n"), failed.out());
    }

    @Test
    void aMissingHelperThatAForwardNeedsFails() throws Exception {
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE);
        Path configs = Files.writeString(dir.resolve("configs.json"), "[{\"alias\":\"named\",\"namespace\":\"dev\","
                + "\"workload_type\":\"service\",\"service\":\"web\",\"remote_port\":\"80\",\"local_port\":0,"
                + "\"domain_enabled\":true,\"context\":\"" + kube.contextName() + "\",\"kubeconfig\":\""
                + kubeconfig + "\"}]");
        CommandResult imported = run(List.of("import", configs.toString()), Map.of());
        assertEquals(0, imported.exit(), imported.text());

        CommandResult result = doctor("--kubeconfig", kubeconfig.toString());
        assertEquals(1, result.exit(), result.text());
        assertLines(result);
        assertTrue(result.out().contains("FAIL  helper     the kftray helper is not installed"), result.out());
        assertTrue(result.out().contains("needed by named (host names, loopback addresses or ports below 1024)"),
                result.out());
        assertTrue(result.out().contains("ok    cluster    " + kube.contextName()), result.out());
    }

    @Test
    void noKubeconfigSaysSoWithoutAStackTrace() throws Exception {
        Path userHome = Files.createDirectories(dir.resolve("user"));
        CommandResult result = run(List.of("doctor"), Map.of("HOME", userHome.toString(), "KUBECONFIG", ""));
        assertEquals(1, result.exit(), result.text());
        assertLines(result);
        assertTrue(result.out().contains("FAIL  kubeconfig no kubeconfig to read: set KUBECONFIG, create "
                + "~/.kube/config"), result.out());
        assertTrue(result.out().contains("warn  kubeconfig " + userHome.resolve(".kube/config") + " does not exist"),
                result.out());
        assertFalse(result.text().contains("\tat "), result.text());
    }

    private CommandResult doctor(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("doctor"));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private CommandResult run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("kftray.dist"), "bin", "kftray")
                .toString()));
        command.addAll(args);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("KFTRAY_HOME", home.toString());
        CommandResult result = CommandResult.run(dir, environment, TIMEOUT, command);
        System.out.println("kftray " + String.join(" ", args) + " took " + result.millis() + " ms");
        return result;
    }

    /** Each line of standard output is a finding or the summary. */
    private static void assertLines(CommandResult result) {
        for (String line : result.out().split("\n")) {
            assertTrue(LINE.matcher(line).matches(), "not a finding: '" + line + "'\n" + result.text());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
