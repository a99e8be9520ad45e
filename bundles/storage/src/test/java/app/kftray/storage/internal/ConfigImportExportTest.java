package app.kftray.storage.internal;

import static app.kftray.storage.internal.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigImportExportTest extends ConfigStoreTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();



    @Test
    void aKftrayFileWithEveryWorkloadTypeExportsBackToAnEquivalentFile() throws IOException {
        String sample = resource("kftray-configs.json");
        ImportResult result = store.importJson(sample);
        assertEquals(6, result.created().size());
        assertEquals(List.of(), result.warnings());
        assertEquals(Set.of(WorkloadType.SERVICE, WorkloadType.POD, WorkloadType.PROXY),
                Set.copyOf(store.list().stream().map(ForwardConfig::workloadType).toList()));
        assertEquals(JSON.readTree(sample), JSON.readTree(store.exportJson(List.of())));
        ImportResult again = store.importJson(store.exportJson(List.of()));
        assertEquals(new ImportResult(List.of(), List.of(), 6, List.of()), again);
    }

    @Test
    void readsKftrayDefaultsPlaceholdersAndStringBooleans() throws IOException {
        ImportResult result = store.importJson(resource("kftray-configs-raw.json"));
        assertEquals(List.of("[0].some_future_field: unknown field ignored"), result.warnings());
        ForwardConfig grafana = store.find("grafana").orElseThrow();
        assertTrue(grafana.domainEnabled());
        assertFalse(grafana.httpLogsEnabled());
        assertEquals(null, grafana.kubeconfig());
        assertEquals(null, grafana.localAddress());
        assertEquals(null, grafana.target());
        assertEquals(JSON.readTree("""
                [{"alias": "grafana", "context": "dev", "namespace": "monitoring", "workload_type": "service",
                  "service": "grafana", "protocol": "tcp", "local_port": 13000, "remote_port": 3000,
                  "auto_loopback_address": true, "domain_enabled": true}]"""), JSON.readTree(store.exportJson(List.of())));
    }

    @Test
    void theGroupIsStoredImportedAndExportedUnderItsJsonName() throws IOException {
        ForwardConfig created = store.create(service("web", 18080).toBuilder().group("payments").build());
        assertEquals("payments", store.get(created.id()).orElseThrow().group());
        JsonNode exported = JSON.readTree(store.exportJson(List.of()));
        assertEquals("payments", exported.get(0).get("group").asText());
        store.update(created.toBuilder().group(null).build());
        assertEquals(null, store.get(created.id()).orElseThrow().group());
        assertFalse(JSON.readTree(store.exportJson(List.of())).get(0).has("group"), "no group, no field");
        ImportResult result = store.importJson("""
                [{"alias": "api", "namespace": "dev", "workload_type": "service", "service": "api",
                  "remote_port": 80, "group": "backend"}]""");
        assertEquals(List.of(), result.warnings());
        assertEquals("backend", store.find("api").orElseThrow().group());
    }

    @Test
    void acceptsASingleObject() {
        ImportResult result = store.importJson("""
                {"namespace": "default", "workload_type": "pod", "target": "app=web", "remote_port": 80}""");
        assertEquals(1, result.created().size());
        assertEquals("app=web", store.get(result.created().get(0)).orElseThrow().target());
    }

    @Test
    void mergesEntriesThatNameTheSameForward() {
        ForwardConfig web = store.create(service("web", 8080));
        ImportResult result = store.importJson("""
                [{"context": "dev", "namespace": "default", "workload_type": "service", "service": "web",
                  "protocol": "tcp", "remote_port": 80, "domain_enabled": true},
                 {"context": "dev", "namespace": "default", "workload_type": "service", "service": "web",
                  "protocol": "tcp", "local_port": 8080, "remote_port": 80, "alias": "web", "domain_enabled": true},
                 {"context": "dev", "namespace": "default", "workload_type": "service", "service": "web",
                  "protocol": "udp", "local_port": 8080, "remote_port": 80}]""");
        assertEquals(List.of(web.id()), result.updated());
        assertEquals(1, result.unchanged());
        assertEquals(1, result.created().size());
        ForwardConfig merged = store.get(web.id()).orElseThrow();
        assertEquals("web", merged.alias()); // kept: the import left it empty
        assertEquals(8080, merged.localPort()); // kept: the import left it 0
        assertTrue(merged.domainEnabled());
    }

    @Test
    void oneBadEntryWritesNothingAndEveryErrorIsNamed() {
        store.create(service("taken", 9000));
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> store.importJson("""
                [{"namespace": "default", "workload_type": "service", "service": "ok", "remote_port": 80},
                 {"workload_type": "service", "service": "a", "remote_port": 80},
                 {"namespace": "default", "workload_type": "deployment", "remote_port": 80},
                 {"namespace": "default", "workload_type": "service", "service": "b", "remote_port": 70000,
                  "local_port": -1},
                 {"namespace": "default", "workload_type": "service", "service": "c", "remote_port": 80,
                  "local_port": "8080", "domain_enabled": "yes"},
                 {"namespace": "default", "workload_type": "expose", "remote_port": 80},
                 42]"""));
        assertEquals(List.of("[1].namespace", "[2].workload_type", "[3].local_port", "[3].remote_port",
                "[4].local_port", "[4].domain_enabled", "[5].alias", "[5].local_port", "[6]"), fields(error));
        assertTrue(error.errors().get(1).message().contains("'deployment' is not a workload type"));
        assertTrue(error.errors().get(6).message().contains("an expose workload needs an alias"));
        assertTrue(error.errors().get(7).message().contains("an expose workload needs the local port"));
        assertEquals(1, store.list().size());
    }

    @Test
    void duplicateAliasesFailTheWholeImport() {
        store.create(service("taken", 9000));
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> store.importJson("""
                [{"alias": "new", "context": "dev", "namespace": "default", "workload_type": "pod",
                  "target": "app=x", "remote_port": 80},
                 {"alias": "taken", "context": "dev", "namespace": "default", "workload_type": "pod",
                  "target": "app=y", "remote_port": 80},
                 {"alias": "new", "context": "dev", "namespace": "default", "workload_type": "pod",
                  "target": "app=z", "remote_port": 80}]"""));
        assertEquals(List.of("[1].alias", "[2].alias"), fields(error));
        assertTrue(error.errors().get(0).message().contains("'taken' is already used"));
        assertEquals(1, store.list().size());
    }

    @Test
    void malformedJsonGivesItsPosition() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class,
                () -> store.importJson("[{\"namespace\": \"default\",\n \"workload_type\": }]"));
        assertEquals("$", error.errors().get(0).field());
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertThrows(InvalidConfigException.class, () -> store.importJson("\"just a string\""));
        assertThrows(InvalidConfigException.class, () -> store.importJson(""));
        assertThrows(InvalidConfigException.class, () -> store.importJson("{\"namespace\": \"a\", \"namespace\": \"b\"}"));
        assertEquals(List.of(), store.list());
    }

    @Test
    void contentAfterTheJsonValueIsRefusedAndNothingIsImported() {
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> store.importJson(
                "[{\"alias\":\"a\",\"namespace\":\"default\",\"service\":\"a\",\"remote_port\":80}]\n"
                        + "[{\"alias\":\"b\"}]"));
        assertTrue(error.getMessage().endsWith("malformed JSON at line 2, column 1: more content after the end of the "
                + "JSON value; a file holds one array of configs (or one config)"), error.getMessage());
        assertEquals(List.of(), store.list());
    }

    @Test
    void exportsChosenIdsAndRefusesUnknownOnes() throws IOException {
        ForwardConfig web = store.create(service("web", 8080));
        store.create(service("api", 8081));
        JsonNode exported = JSON.readTree(store.exportJson(List.of(web.id())));
        assertEquals(1, exported.size());
        assertEquals("web", exported.get(0).get("alias").asText());
        assertFalse(exported.get(0).has("id"));
        InvalidConfigException error = assertThrows(InvalidConfigException.class,
                () -> store.exportJson(List.of(web.id(), 999L)));
        assertTrue(error.getMessage().contains("999"));
    }

    @Test
    void exportDropsFieldsTheWorkloadDoesNotUse() throws IOException {
        store.create(ForwardConfig.builder().namespace("default").workloadType(WorkloadType.POD).target("app=a")
                .service("ignored").remoteAddress("ignored.example").remotePort(80).localAddress("127.0.0.1").build());
        JsonNode pod = JSON.readTree(store.exportJson(List.of())).get(0);
        assertFalse(pod.has("service") || pod.has("remote_address") || pod.has("local_address")
                || pod.has("http_logs_enabled") || pod.has("domain_enabled"), pod.toString());
        assertEquals("app=a", pod.get("target").asText());
    }

    private static List<String> fields(InvalidConfigException error) {
        return error.errors().stream().map(FieldError::field).toList();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigImportExportTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
