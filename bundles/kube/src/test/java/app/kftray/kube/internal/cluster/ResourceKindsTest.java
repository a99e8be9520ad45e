package app.kftray.kube.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ResourceKindsTest {
    private final KubernetesSerialization json = ResourceKinds.serialization();

    @Test
    void aWatchEventOfAPodReadsAsAPod() {
        WatchEvent event = json.unmarshal("""
                {"type": "MODIFIED", "object": {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web-1", "uid": "u1"}, "status": {"phase": "Running"}}}
                """, WatchEvent.class);
        Pod pod = assertInstanceOf(Pod.class, event.getObject());
        assertEquals("web-1", pod.getMetadata().getName());
        assertEquals("Running", pod.getStatus().getPhase());
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
        assertInstanceOf(PodList.class, json.unmarshal("{\"apiVersion\": \"v1\", \"kind\": \"PodList\", \"items\": []}",
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
