package app.kftray.sync.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigDiscovery.Discovery;
import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.KubeException;
import app.kftray.api.StandaloneStores;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigWriter;
import app.kftray.emulator.ServicePort;
import app.kftray.emulator.auth.Identity;
import app.kftray.kube.internal.cluster.ClusterClients;
import app.kftray.kube.internal.cluster.FabricKubeAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-import from annotated services of the API emulator, through the real kube bundle and SQLite store. */
class AnnotationDiscoveryTest {
    private static final String ENABLED = "kftray.app/enabled";
    private static final String CONFIGS = "kftray.app/configs";

    @TempDir
    static Path dir;
    static KubeEmulator kube;
    static ClusterClients clusters;
    static FabricKubeAccess access;
    static ClusterRef admin;

    @TempDir
    Path home;
    StandaloneStores stores;
    AnnotationDiscovery discovery;

    @BeforeAll
    static void startCluster() throws Exception {
        kube = KubeEmulator.start();
        kube.namespace("dev")
                .service("web", Map.of("app", "web"), List.of(ServicePort.port(80, "http", 8080),
                        ServicePort.port(9090, "metrics", "metrics")),
                        Map.of(ENABLED, "true", CONFIGS, "web-18080-http, web-metrics-19090-metrics"))
                .service("db", Map.of("app", "db"), List.of(ServicePort.port(5432, "pg", 5432)), Map.of(ENABLED, "true"))
                .service("hidden", Map.of("app", "hidden"), List.of(ServicePort.port(80, "http", 80)))
                .service("off", Map.of("app", "off"), List.of(ServicePort.port(80, "http", 80)),
                        Map.of(ENABLED, "false", CONFIGS, "off-18000-80"))
                .service("typo", Map.of("app", "typo"), List.of(ServicePort.port(80, "http", 80)),
                        Map.of(ENABLED, "True"));
        kube.namespace("shop")
                .service("api", Map.of("app", "api"), List.of(ServicePort.port(80, "http", 8080)),
                        Map.of(ENABLED, "true", CONFIGS, "api-18081-8080,broken,x-notaport-80,y-1234-nosuch"))
                .service("cache", Map.of("app", "cache"), List.of(ServicePort.port(6379, "redis", 6379)),
                        Map.of(ENABLED, "true", CONFIGS, " "))
                .service("multi", Map.of("app", "multi"), List.of(ServicePort.port(6379, "redis", 6379),
                        ServicePort.port(16379, "bus", 16379)), Map.of(ENABLED, "true"));
        admin = new ClusterRef(kube.writeKubeconfig(dir.resolve("admin.kubeconfig"), "default").toString(), null);
        clusters = new ClusterClients();
        access = new FabricKubeAccess(clusters);
    }

    @AfterAll
    static void stopCluster() {
        clusters.closeAll();
        kube.close();
    }

    @BeforeEach
    void openStore() {
        stores = ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow().open(home);
        discovery = new AnnotationDiscovery(access, stores.configs());
    }

    @AfterEach
    void closeStore() {
        stores.close();
    }

    @Test
    void importsExactlyTheAnnotatedForwardsOfBothNamespacesAndASecondRunChangesNothing() {
        Discovery first = discovery.discover(admin, null, true);

        Set<String> expected = Set.of("dev/web/web 18080->80", "dev/web/web-metrics 19090->9090",
                "dev/db/db 5432->5432", "shop/api/api 18081->80", "shop/multi/multi-redis 6379->6379",
                "shop/multi/multi-bus 16379->16379");
        assertEquals(expected, describe(stores.configs().list()));
        assertEquals(6, first.imported().created().size());
        assertTrue(stores.configs().list().stream().allMatch(c -> kube.contextName().equals(c.context())
                && admin.kubeconfig().equals(c.kubeconfig()) && "tcp".equals(c.protocol())));
        assertEquals(Set.of("shop/api: item 'broken' is not alias-localPort-targetPort",
                "shop/api: item 'x-notaport-80': local port 'notaport' is not a number from 1 to 65535",
                "shop/api: item 'y-1234-nosuch': the service has no port 'nosuch'; it has 80 (http)",
                "shop/cache: kftray.app/configs is empty; expected alias-localPort-targetPort,...",
                "dev/typo: kftray.app/enabled is 'True'; only \"true\" enables auto-import"),
                Set.copyOf(first.skipped()));
        assertNull(first.note());

        Discovery second = discovery.discover(admin, null, true);
        assertEquals(new ImportResult(List.of(), List.of(), 6, List.of()), second.imported());
        assertEquals(expected, describe(stores.configs().list()));
    }

    @Test
    void aDryRunFindsButSavesNothing() {
        Discovery dry = discovery.discover(admin, "dev", false);
        assertNull(dry.imported());
        assertEquals(List.of("dev"), dry.namespaces());
        assertEquals(Set.of("dev/web/web 18080->80", "dev/web/web-metrics 19090->9090", "dev/db/db 5432->5432"),
                describe(dry.found()));
        assertEquals(List.of(), stores.configs().list());
    }

    @Test
    void aNamespaceScopedUserGetsItsNamespacesForwardsInsteadOfAnError() throws Exception {
        String token = kube.issueToken(Identity.namespaced("dev-user", "dev"), Duration.ofMinutes(10));
        ClusterRef scoped = new ClusterRef(KubeconfigWriter.write(dir.resolve("dev-user.kubeconfig"),
                List.of(kube.context("dev-user", "dev", token))).toString(), "dev-user");

        Discovery result = discovery.discover(scoped, null, true);

        assertEquals(List.of("dev"), result.namespaces());
        assertTrue(result.note().contains("no permission to list namespaces"), result.note());
        assertEquals(Set.of("dev/web/web 18080->80", "dev/web/web-metrics 19090->9090", "dev/db/db 5432->5432"),
                describe(stores.configs().list()));

        KubeException refused = assertThrows(KubeException.class, () -> discovery.discover(scoped, "shop", true));
        assertEquals(KubeException.Reason.REFUSED, refused.reason());
        assertTrue(refused.getMessage().contains("services is forbidden: User \"dev-user\""), refused.getMessage());
        assertEquals(3, stores.configs().list().size());
    }

    private static Set<String> describe(List<ForwardConfig> configs) {
        return configs.stream().map(c -> c.namespace() + "/" + c.service() + "/" + c.alias() + " " + c.localPort()
                + "->" + c.remotePort()).collect(Collectors.toSet());
    }
}
