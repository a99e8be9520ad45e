package app.kftray.kube.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceKindsTest {
    private final KubernetesSerialization json = ResourceKinds.serialization();

    @Test
    void aWatchEventOfAPodReadsAsThePartsKftrayUsesAndSkipsTheRest() {
        WatchEvent event = json.unmarshal("""
                {"type": "MODIFIED", "object": {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web-1", "uid": "u1", "labels": {"app": "web"}},
                 "spec": {"nodeName": "n1", "volumes": [{"name": "v", "emptyDir": {}}],
                          "containers": [{"name": "c", "image": "web:1", "resources": {"limits": {"cpu": "1"}},
                                          "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"},
                                                    {"containerPort": 9090}]},
                                         {"name": "sidecar"}]},
                 "status": {"phase": "Running", "podIP": "10.0.0.1", "startTime": "2026-01-01T00:00:00Z",
                            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": null}]}}}
                """, WatchEvent.class);
        PodView pod = assertInstanceOf(PodView.class, event.getObject());
        assertEquals("web-1", pod.getMetadata().getName());
        assertEquals("Running", pod.phase());
        assertEquals(List.of(new PodView.Port("http", 8080), new PodView.Port(null, 9090)), pod.ports());
        assertTrue(PodReadiness.isReady(pod));
        PodSummary summary = PodSummary.of(pod);
        assertEquals(Map.of("http", 8080), summary.namedPorts());
        assertEquals(Map.of("app", "web"), summary.labels());
    }

    @Test
    void aPodBeingDeletedOrNotReadyOrWithoutStatusIsNotReady() {
        String running = "\"status\": {\"phase\": \"Running\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"%s\"}]}";
        assertFalse(PodReadiness.isReady(pod("{\"name\": \"p\"}", running.formatted("False"))));
        assertFalse(PodReadiness.isReady(pod("{\"name\": \"p\", \"deletionTimestamp\": \"2026-01-01T00:00:00Z\"}",
                running.formatted("True"))));
        assertFalse(PodReadiness.isReady(pod("{\"name\": \"p\"}", "\"status\": {\"phase\": \"Pending\"}")));
        assertFalse(PodReadiness.isReady(pod("{\"name\": \"p\"}", "\"spec\": {}")));
        assertEquals(List.of(), pod("{\"name\": \"p\"}", "\"spec\": {\"containers\": [{\"name\": \"c\"}]}").ports());
    }

    private PodView pod(String metadata, String rest) {
        return json.unmarshal("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": " + metadata + ", " + rest + "}",
                PodView.class);
    }

    @Test
    void everyKindKftrayReadsKeepsItsType() {
        for (Class<? extends KubernetesResource> kind : ResourceKinds.READ) {
            String version = io.fabric8.kubernetes.api.model.HasMetadata.getApiVersion(kind);
            String name = io.fabric8.kubernetes.api.model.HasMetadata.getKind(kind);
            KubernetesResource read = json.unmarshal("{\"apiVersion\": \"" + version + "\", \"kind\": \"" + name + "\"}",
                    KubernetesResource.class);
            assertEquals(kind, read.getClass(), version + " " + name);
        }
        assertInstanceOf(PodView.ListOf.class, json.unmarshal("{\"apiVersion\": \"v1\", \"kind\": \"PodList\", \"items\": []}",
                KubernetesResource.class));
        assertInstanceOf(Status.class, json.unmarshal("{\"apiVersion\": \"v1\", \"kind\": \"Status\", \"code\": 404}",
                KubernetesResource.class));
    }

    @Test
    void aKindNotReadByKftrayIsAGenericResource() {
        KubernetesResource lease = json.unmarshal("""
                {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"},
                 "spec": {"holderIdentity": "x"}}
                """, KubernetesResource.class);
        GenericKubernetesResource generic = assertInstanceOf(GenericKubernetesResource.class, lease);
        assertEquals("Lease", generic.getKind());
        assertEquals("x", generic.<String>get("spec", "holderIdentity"));
    }

    @Test
    void malformedJsonIsAnError() {
        assertThrows(RuntimeException.class, () -> json.unmarshal("{\"kind\": \"Pod\", ", KubernetesResource.class));
    }
}
