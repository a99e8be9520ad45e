package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.ExposeOptions;
import app.kftray.api.model.ExposeOptions.Exposure;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kftray's expose examples import, keep their exposure and Ingress fields, and export unchanged. */
class ExposeImportTest extends ConfigStoreTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String resource(String name) throws IOException {
        try (InputStream in = ExposeImportTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** kftray's file as our export writes it: the same, plus the auto_loopback_address it always writes. */
    private static JsonNode exported(String kftrayJson) throws IOException {
        JsonNode tree = JSON.readTree(kftrayJson);
        ((ObjectNode) tree.get(0)).put("auto_loopback_address", false);
        return tree;
    }

    @Test
    void kftraysInternalExampleImportsAsAClusterExposure() throws IOException {
        String json = resource("kftray-expose-internal.json");
        assertEquals(1, store.importJson(json).created().size());
        ForwardConfig config = store.list().get(0);
        assertEquals(WorkloadType.EXPOSE, config.workloadType());
        assertEquals("internal-api", config.alias());
        assertEquals(8080, config.localPort());
        assertEquals("localhost", config.localAddress());
        ExposeOptions options = store.exposeOptions(config.id()).orElseThrow();
        assertEquals(Exposure.CLUSTER, options.exposure());
        assertFalse(options.isPublic());
        assertEquals(exported(json), JSON.readTree(store.exportJson(List.of())));
    }

    @Test
    void kftraysPublicExampleKeepsItsIngressSettings() throws IOException {
        String json = resource("kftray-expose-public.json");
        store.importJson(json);
        ForwardConfig config = store.list().get(0);
        ExposeOptions options = store.exposeOptions(config.id()).orElseThrow();
        assertTrue(options.isPublic());
        assertEquals("nginx", options.ingressClass());
        assertEquals(Map.of("nginx.ingress.kubernetes.io/ssl-redirect", "true"), options.ingressAnnotations());
        assertTrue(options.certManagerEnabled());
        assertEquals("letsencrypt-prod", options.certIssuer());
        assertEquals(ExposeOptions.CLUSTER_ISSUER, options.certIssuerKind());
        assertEquals(exported(json), JSON.readTree(store.exportJson(List.of())));
        assertTrue(store.importJson(json).created().isEmpty(), "the same file again changes nothing");
    }

    @Test
    void unusableExposeFieldsAreNamedAndNothingIsWritten() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> store.importJson("""
                [{"alias": "a", "namespace": "dev", "workload_type": "expose", "local_port": 80,
                  "exposure_type": "world"},
                 {"alias": "b", "namespace": "dev", "workload_type": "expose", "local_port": 80,
                  "ingress_annotations": "not json"},
                 {"alias": "c", "namespace": "dev", "workload_type": "expose", "local_port": 80,
                  "ingress_annotations": "{\\"x\\": 1}", "cert_issuer_kind": "Foo"},
                 {"alias": "D_d", "namespace": "dev", "workload_type": "expose", "local_port": 80, "protocol": "udp"}]
                """));
        assertEquals(List.of("[0].exposure_type", "[1].ingress_annotations", "[2].cert_issuer_kind",
                "[2].ingress_annotations", "[3].alias", "[3].protocol"),
                error.errors().stream().map(FieldError::field).sorted().toList());
        assertTrue(store.list().isEmpty());
    }

    @Test
    void otherWorkloadsHaveNoExposeOptions() {
        ForwardConfig web = store.create(ForwardConfig.builder().namespace("dev").service("web").remotePort(80).build());
        assertTrue(store.exposeOptions(web.id()).isEmpty());
        assertTrue(store.exposeOptions(12345).isEmpty());
    }
}
