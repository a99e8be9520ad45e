package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigWriter;
import app.kftray.emulator.ServicePort;
import app.kftray.emulator.auth.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kftray discover} against the API emulator, as an admin and as a namespace-scoped user. */
class DiscoverEndToEndIT {
    private static final Map<String, String> ENABLED = Map.of("kftray.app/enabled", "true");

    @TempDir
    Path dir;

    private KubeEmulator kube;

    @BeforeEach
    void cluster() throws Exception {
        kube = KubeEmulator.start();
        kube.namespace("dev")
                .service("web", Map.of("app", "web"), List.of(ServicePort.port(80, "http", 8080)),
                        Map.of("kftray.app/enabled", "true", "kftray.app/configs", "web-18080-http,bad-item"))
                .service("quiet", Map.of("app", "quiet"), List.of(ServicePort.port(80, "http", 8080)));
        kube.namespace("shop")
                .service("api", Map.of("app", "api"), List.of(ServicePort.port(8443, "https", "https")), ENABLED);
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    @Test
    void importsTheAnnotatedForwardsOnceAndReportsSkippedItems() throws Exception {
        Path home = dir.resolve("home");
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "default");

        KftrayProcess.Result dry = KftrayProcess.run(home, "discover", "--kubeconfig", kubeconfig.toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.text());
        assertTrue(dry.text().contains("dry run: 2 forwards found"), dry.text());

        KftrayProcess.Result first = KftrayProcess.run(home, "discover", "--kubeconfig", kubeconfig.toString());
        assertEquals(0, first.exit(), first.text());
        assertTrue(first.text().contains("2 created, 0 updated, 0 unchanged"), first.text());
        assertTrue(first.err().contains("kftray: skipped dev/web: item 'bad-item' is not alias-localPort-targetPort"),
                first.text());
        assertTrue(first.out().stream().anyMatch(l -> l.matches("web\\s+dev\\s+web\\s+18080\\s+80")), first.text());
        assertTrue(first.out().stream().anyMatch(l -> l.matches("api\\s+shop\\s+api\\s+8443\\s+8443")), first.text());

        KftrayProcess.Result second = KftrayProcess.run(home, "discover", "--kubeconfig", kubeconfig.toString());
        assertTrue(second.text().contains("0 created, 0 updated, 2 unchanged"), second.text());
        assertEquals(2, KftrayProcess.run(home, "list").out().stream().filter(l -> l.contains(kube.contextName())).count());
    }

    @Test
    void aNamespaceScopedUserGetsItsNamespace() throws Exception {
        String token = kube.issueToken(Identity.namespaced("dev-user", "dev"), Duration.ofMinutes(10));
        Path kubeconfig = KubeconfigWriter.write(dir.resolve("dev.kubeconfig"), List.of(kube.context("dev-user", "dev", token)));

        KftrayProcess.Result result = KftrayProcess.run(dir.resolve("home"), "discover", "--kubeconfig",
                kubeconfig.toString(), "--context", "dev-user");
        assertEquals(0, result.exit(), result.text());
        assertTrue(result.err().contains("kftray: note: no permission to list namespaces; looked in the context's"
                + " namespace dev"), result.text());
        assertTrue(result.text().contains("discovered 1 forwards in dev: 1 created"), result.text());

        KftrayProcess.Result refused = KftrayProcess.run(dir.resolve("home"), "discover", "--kubeconfig",
                kubeconfig.toString(), "--context", "dev-user", "-n", "shop");
        assertEquals(1, refused.err().size(), refused.text());
        assertTrue(refused.err().get(0).startsWith("kftray: cannot list services in shop: services is forbidden"),
                refused.text());
    }
}
