package app.kftray.emulator;

import static app.kftray.emulator.ContainerPort.containerPort;
import static app.kftray.emulator.ServicePort.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kubectl reads the emulator's objects: discovery, short names, selectors, errors, Table output. */
class KubectlGetTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EmulatorFixture fixture;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, echo) -> ns
                .service("web", Map.of("app", "web"), List.of(port(80, "http", "http")))
                .pod("web-1", Map.of("app", "web", "tier", "front"), List.of(containerPort("http", 8080)),
                        echo.address())
                .pod("db-1", Map.of("app", "db"), List.of(containerPort("pg", 5432)), echo.address()));
        kubectl = fixture.kubectl();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        return JSON.readTree(kubectl.run(TIMEOUT, all.toArray(String[]::new)).requireSuccess());
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
        return names;
    }

    @Test
    void listsNamespacesPodsAndServicesAsJson() throws Exception {
        assertTrue(names(json("get", "ns")).containsAll(List.of("default", "dev")));
        assertEquals(List.of("db-1", "web-1"), names(json("get", "pods")));
        JsonNode svc = json("get", "svc", "web");
        assertEquals("ClusterIP", svc.path("spec").path("type").asText());
        assertEquals("web", svc.path("spec").path("selector").path("app").asText());
        assertEquals(80, svc.path("spec").path("ports").get(0).path("port").asInt());
        assertTrue(svc.path("spec").path("clusterIP").asText().startsWith("10.96."));
    }

    @Test
    void podJsonHasTheFieldsClientsRead() throws Exception {
        JsonNode pod = json("get", "pod", "web-1");
        JsonNode meta = pod.path("metadata");
        assertEquals(36, meta.path("uid").asText().length());
        assertNotEquals("", meta.path("resourceVersion").asText());
        assertNotEquals("", meta.path("creationTimestamp").asText());
        assertEquals("front", meta.path("labels").path("tier").asText());
        assertEquals(8080, pod.path("spec").path("containers").get(0).path("ports").get(0).path("containerPort").asInt());
        assertEquals("Running", pod.path("status").path("phase").asText());
        assertTrue(pod.path("status").path("podIP").asText().startsWith("10.244."));
        boolean ready = false;
        for (JsonNode c : pod.path("status").path("conditions")) {
            ready |= c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
        }
        assertTrue(ready, pod.path("status").toString());
    }

    @Test
    void selectorsFilter() throws Exception {
        assertEquals(List.of("web-1"), names(json("get", "pods", "-l", "app=web")));
        assertEquals(List.of("db-1"), names(json("get", "pods", "-l", "app notin (web)")));
        assertEquals(List.of("web-1"), names(json("get", "pods", "--field-selector", "metadata.name=web-1")));
        assertEquals(List.of("db-1", "web-1"), names(json("get", "pods", "--field-selector", "status.phase=Running")));
        assertEquals(List.of(), names(json("get", "pods", "--field-selector", "status.phase=Pending")));
    }

    @Test
    void endpointsListReadyPods() throws Exception {
        JsonNode ep = json("get", "endpoints", "web");
        JsonNode subset = ep.path("subsets").get(0);
        assertEquals(1, subset.path("addresses").size());
        assertEquals("web-1", subset.path("addresses").get(0).path("targetRef").path("name").asText());
        assertEquals(8080, subset.path("ports").get(0).path("port").asInt());
    }

    @Test
    void errorsAreServerStatuses() throws Exception {
        Kubectl.Result missing = kubectl.run(TIMEOUT, "get", "pod", "nope");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("Error from server (NotFound): pods \"nope\" not found"),
                missing.stderr());
        Kubectl.Result badSelector = kubectl.run(TIMEOUT, "get", "pods", "--field-selector", "spec.bogus=1");
        assertEquals(1, badSelector.exitCode());
        assertTrue(badSelector.stderr().contains("field label not supported: spec.bogus"), badSelector.stderr());
        Kubectl.Result unknownType = kubectl.run(TIMEOUT, "get", "statefulsets");
        assertEquals(1, unknownType.exitCode());
        assertTrue(unknownType.stderr().contains("the server doesn't have a resource type \"statefulsets\""),
                unknownType.stderr());
    }

    @Test
    void tablesHaveServerColumns() throws Exception {
        String out = kubectl.run(TIMEOUT, "get", "pods").requireSuccess();
        assertTrue(out.lines().findFirst().orElse("").matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("web-1\\s+1/1\\s+Running\\s+0\\s+\\d+s")), out);
        String svc = kubectl.run(TIMEOUT, "get", "svc").requireSuccess();
        assertTrue(svc.contains("80/TCP"), svc);
    }

    @Test
    void createAndDeleteThroughKubectl() throws Exception {
        Path manifest = dir.resolve("relay.json");
        java.nio.file.Files.writeString(manifest, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"relay","labels":{"app":"relay"}},
                 "spec":{"containers":[{"name":"relay","image":"relay:1","ports":[{"containerPort":9000}]}]}}
                """);
        String created = kubectl.run(TIMEOUT, "create", "--validate=false", "-f", manifest.toString()).requireSuccess();
        assertTrue(created.contains("pod/relay created"), created);
        assertEquals(List.of("relay"), names(json("get", "pods", "-l", "app=relay")));
        String deleted = kubectl.run(TIMEOUT, "delete", "pod", "relay", "--wait=false").requireSuccess();
        assertTrue(deleted.contains("pod \"relay\" deleted"), deleted);
        assertEquals(List.of(), names(json("get", "pods", "-l", "app=relay")));
    }
}
