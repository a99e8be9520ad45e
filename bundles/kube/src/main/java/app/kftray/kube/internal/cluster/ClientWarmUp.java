package app.kftray.kube.internal.cluster;

import app.kftray.api.RuntimeProperties;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.ServiceConfigurationError;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the Kubernetes client's classes while the runtime is still starting. The first client of a process
 * costs about a second in class loading and set-up (kubeconfig parsing, the HTTP client), and its first
 * look-ups more (the TLS handshake, the deserializers of a Service and a pod list), which would otherwise
 * delay the first forward. Three threads, so that none of the three waits for another and all are done
 * sooner: one builds a client on a placeholder configuration and closes it; one reads a sample pod list and
 * Service with the mapping every client shares; one writes a TLS client hello into a buffer and chooses the
 * tunnels' TLS engine (loading OpenSSL's native library). No file of the user is read and nothing is sent.
 * A runtime that runs no forwards turns it off ({@link RuntimeProperties#CLIENT_WARM_UP}): it has no first
 * forward to speed up. Stopping waits for the threads, so that they never load classes of a bundle being
 * stopped (Felix would log an error for each).
 */
@Component(immediate = true, service = {})
public final class ClientWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(ClientWarmUp.class);
    /** The shapes the first forward reads: a service, then the pods of its selector. */
    private static final String SAMPLE_SERVICE = """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "warm-up", "namespace": "default"},
             "spec": {"selector": {"app": "warm-up"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}}
            """;
    private static final String SAMPLE_PODS = """
            {"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": "1"}, "items": [
             {"metadata": {"name": "warm-up", "namespace": "default", "uid": "0", "labels": {"app": "warm-up"},
                           "creationTimestamp": "2026-01-01T00:00:00Z"},
              "spec": {"containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 8080}]}]},
              "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}]}
            """;
    private static final String PLACEHOLDER_KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: warm-up, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: warm-up, user: {token: warm-up}}]
            contexts: [{name: warm-up, context: {cluster: warm-up, user: warm-up, namespace: default}}]
            current-context: warm-up
            """;

    /** Within the launcher's wait for the runtime to stop; the warm-up takes about a second when idle. */
    private static final long STOP_WAIT_MILLIS = 1_000;

    private final List<Thread> threads = List.of(new Thread(ClientWarmUp::warmUpClient, "kftray-kube-warm-up"),
            new Thread(ClientWarmUp::warmUpReading, "kftray-json-warm-up"),
            new Thread(ClientWarmUp::warmUpTls, "kftray-tls-warm-up"));

    /** @param context where the runtime says whether it runs forwards */
    @Activate
    public ClientWarmUp(BundleContext context) {
        if (!"false".equals(context.getProperty(RuntimeProperties.CLIENT_WARM_UP))) {
            start();
        }
    }

    private void start() {
        for (Thread thread : threads) {
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            // whatever a bundle closed under it throws, a user never sees a trace of a background head start
            thread.setUncaughtExceptionHandler((t, e) -> LOG.debug("{} stopped: {}", t.getName(), e.toString()));
            thread.start();
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
        for (Thread thread : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (thread.isAlive()) {
                thread.join(left);
            }
        }
    }

    /** @return whether the client was built (a failure only costs the first forward its head start) */
    static boolean warmUpClient() {
        return timed("Kubernetes client", () -> {
            Config config = ClusterClients.withBundleClassLoader(() -> Config.fromKubeconfig(PLACEHOLDER_KUBECONFIG));
            ClusterClients.newClient(config).close();
        });
    }

    /** @return whether the deserializers of a Service and a pod list are built (a Pod's type tree is large) */
    static boolean warmUpReading() {
        return timed("resource reading", () -> {
            KubernetesSerialization json = ClusterClients.serialization();
            json.unmarshal(SAMPLE_PODS, PodView.ListOf.class);
            json.unmarshal(SAMPLE_SERVICE, Service.class);
        });
    }

    /** @return whether the tunnels' TLS is ready (OpenSSL's native library loaded if it is there) */
    static boolean warmUpTls() {
        return timed("TLS", () -> {
            helloTls();
            TunnelTls.preferred();
        });
    }

    private interface Step {
        void run() throws GeneralSecurityException, SSLException;
    }

    private static boolean timed(String what, Step step) {
        long began = System.nanoTime();
        try {
            step.run();
            LOG.debug("{} classes loaded in {} ms", what, (System.nanoTime() - began) / 1_000_000);
            return true;
        } catch (RuntimeException | LinkageError | ServiceConfigurationError | GeneralSecurityException
                 | SSLException e) {
            // a short command may stop the runtime, and close this bundle's class loader, mid-way
            LOG.debug("{} warm-up skipped: {}", what, e.toString());
            return false;
        }
    }

    /** Writes a client hello (key shares included) into a buffer: the JDK's TLS classes load, nothing is sent. */
    private static void helloTls() throws GeneralSecurityException, SSLException {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("warm-up", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        engine.closeOutbound();
    }
}
