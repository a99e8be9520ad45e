package app.kftray.emulator;

import static app.kftray.emulator.ContainerPort.containerPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.auth.Identity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issued tokens expire with 401 and namespace-scoped users get 403 outside their namespace, for kubectl and fabric8;
 * access reviews answer by the same rules.
 */
class AccessControlTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** What kubectl says on 401. */
    private static final String LOGGED_OUT = "You must be logged in to the server";

    @TempDir
    static Path dir;
    static EmulatorFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, echo) -> ns
                .pod("web-1", Map.of("app", "web"), List.of(containerPort("http", 8080)), echo.address()));
        fixture.kube.namespace("prod")
                .pod("api-1", Map.of("app", "api"), List.of(containerPort("http", 8080)), fixture.echo.address());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Kubectl kubectlWith(String name, String token) throws Exception {
        Path config = KubeconfigWriter.write(dir.resolve(name + ".kubeconfig"),
                List.of(fixture.kube.context(name, "dev", token)));
        return new Kubectl(Kubectl.locate(), config, dir.resolve("home-" + name));
    }

    @Test
    void namespacedUserWorksInItsNamespaceOnly() throws Exception {
        String token = fixture.kube.issueToken(Identity.namespaced("system:serviceaccount:dev:kftray", "dev"),
                Duration.ofMinutes(10));
        Kubectl kubectl = kubectlWith("dev-user", token);

        assertTrue(kubectl.run(TIMEOUT, "get", "pods", "-o", "name").requireSuccess().contains("pod/web-1"));

        Kubectl.Result otherNamespace = kubectl.run(TIMEOUT, "get", "pods", "-n", "prod");
        assertNotEquals(0, otherNamespace.exitCode());
        assertTrue(otherNamespace.stderr().contains("pods is forbidden: User \"system:serviceaccount:dev:kftray\""
                + " cannot list resource \"pods\" in API group \"\" in the namespace \"prod\""), otherNamespace.stderr());

        Kubectl.Result namespaces = kubectl.run(TIMEOUT, "get", "namespaces");
        assertNotEquals(0, namespaces.exitCode());
        assertTrue(namespaces.stderr().contains("cannot list resource \"namespaces\" in API group \"\" at the cluster"
                + " scope"), namespaces.stderr());
    }

    @Test
    void namespacedUserIsRefusedPortForwardElsewhereWithTheSubresourceNamed() throws Exception {
        String token = fixture.kube.issueToken(Identity.namespaced("alice", "dev"), Duration.ofMinutes(10));
        try (KubernetesClient client = fabric8With("alice", token)) {
            assertEquals(1, client.pods().inNamespace("dev").list().getItems().size());
            KubernetesClientException e = assertThrows(KubernetesClientException.class,
                    () -> client.pods().inNamespace("prod").withName("api-1").get());
            assertEquals(403, e.getCode());
            assertTrue(review(client, "dev").path("status").path("allowed").asBoolean());
            JsonNode refused = review(client, "prod").path("status");
            assertFalse(refused.path("allowed").asBoolean());
            assertTrue(refused.path("reason").asText().contains("cannot create resource \"pods/portforward\""),
                    refused.toString());
            assertTrue(e.getMessage().contains("pods \"api-1\" is forbidden: User \"alice\" cannot get resource"
                    + " \"pods\""), e.getMessage());
        }
        Kubectl kubectl = kubectlWith("alice", token);
        Kubectl.Result forward = kubectl.run(TIMEOUT, "port-forward", "-n", "prod", "pod/api-1", ":8080");
        assertNotEquals(0, forward.exitCode());
        assertTrue(forward.stderr().contains("forbidden"), forward.stderr());
    }

    @Test
    void expiredAndRevokedTokensGet401() throws Exception {
        long expiresAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        String shortLived = fixture.kube.issueToken(Identity.ADMIN, Duration.ofSeconds(3));
        Kubectl kubectl = kubectlWith("short", shortLived);
        kubectl.run(TIMEOUT, "get", "pods").requireSuccess();
        Thread.sleep(Math.max(0, (expiresAt - System.nanoTime()) / 1_000_000) + 100);
        Kubectl.Result expired = kubectl.run(TIMEOUT, "get", "pods");
        assertNotEquals(0, expired.exitCode());
        assertTrue(expired.stderr().contains(LOGGED_OUT), expired.stderr());

        String revoked = fixture.kube.issueToken(Identity.ADMIN, Duration.ofMinutes(10));
        fixture.kube.revokeToken(revoked);
        assertTrue(kubectlWith("revoked", revoked).run(TIMEOUT, "get", "pods").stderr().contains(LOGGED_OUT));
        assertTrue(kubectlWith("garbage", "not-a-token").run(TIMEOUT, "get", "pods").stderr()
                .contains(LOGGED_OUT));
    }

    /** A SelfSubjectAccessReview for port-forwarding in {@code namespace}, as access checks send it (JSON). */
    private static JsonNode review(KubernetesClient client, String namespace) throws Exception {
        String body = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"spec\":{\"resourceAttributes\":{\"verb\":\"create\",\"resource\":\"pods\","
                + "\"subresource\":\"portforward\",\"namespace\":\"" + namespace + "\"}}}";
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl() + "apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .post("application/json", body).build();
        HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
        assertEquals(201, response.code(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    private static KubernetesClient fabric8With(String name, String token) throws Exception {
        Path config = KubeconfigWriter.write(dir.resolve(name + ".fabric8"),
                List.of(fixture.kube.context(name, "dev", token)));
        return new KubernetesClientBuilder().withConfig(Fabric8Clients.config(config, name))
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }
}
