package app.kftray.kube.internal.cluster;

import static app.kftray.emulator.ContainerPort.containerPort;
import static app.kftray.emulator.ServicePort.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigWriter;
import app.kftray.emulator.auth.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user with rights in one namespace only, as on shared clusters: nothing needs cluster-wide lists. */
class NamespaceScopedUserTest {
    @TempDir
    static Path dir;

    private static KubeEmulator emulator;
    private static EchoServer echo;
    private static ClusterClients clusters;
    private static FabricKubeAccess kube;
    private static ClusterRef cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        echo = EchoServer.start();
        emulator = KubeEmulator.start();
        emulator.namespace("team-a").service("web", Map.of("app", "web"), List.of(port(80, "http", 8080)))
                .pod("web-1", Map.of("app", "web"), List.of(containerPort("http", 8080)), echo.address());
        emulator.namespace("team-b").service("db", Map.of("app", "db"), List.of(port(5432, "pg", 5432)));
        String token = emulator.issueToken(Identity.namespaced("alice", "team-a"), Duration.ofHours(1));
        Path kubeconfig = KubeconfigWriter.write(dir.resolve("config"),
                List.of(emulator.context("alice", "team-a", token)));
        cluster = new ClusterRef(kubeconfig.toString(), null);
        clusters = new ClusterClients();
        kube = new FabricKubeAccess(clusters);
    }

    @AfterAll
    static void stopCluster() {
        kube.deactivate();
        clusters.closeAll();
        emulator.close();
        echo.close();
    }

    @Test
    void namespacesAreTheContextsOwnWhenTheUserMayNotListThem() {
        assertEquals(List.of("team-a"), kube.namespaces(cluster));
    }

    @Test
    void aServiceInTheUsersNamespaceResolves() {
        ForwardConfig config = ForwardConfig.builder().alias("web").namespace("team-a").service("web")
                .workloadType(WorkloadType.SERVICE).remotePort(80).kubeconfig(cluster.kubeconfig()).build();
        ResolvedTarget target = kube.resolve(config);
        assertEquals("web-1", target.pod().name());
        assertEquals(8080, target.port());
    }

    @Test
    void aForbiddenRequestNamesTheVerbAndResourceThatAreMissing() {
        KubeException e = assertThrows(KubeException.class, () -> kube.services(cluster, "team-b"));
        assertEquals(KubeException.Reason.REFUSED, e.reason());
        assertTrue(e.getMessage().contains("cannot list resource \"services\"")
                && e.getMessage().contains("team-b") && e.getMessage().contains("alice"), e.getMessage());
    }
}
