package app.kftray.itests.forward;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.ForwardListener;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.ExecCredentialIssuer;
import app.kftray.emulator.Kubectl;
import app.kftray.emulator.KubectlPortForward;
import app.kftray.emulator.Microsocks;
import app.kftray.emulator.PodHandle;
import app.kftray.emulator.Tinyproxy;
import app.kftray.itests.forward.fixture.Cluster;
import app.kftray.itests.forward.fixture.RealConditions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Forwards under what real clusters do, in the headless runtime: tokens from an exec plugin that expire
 * while new connections keep coming (with {@code kubectl port-forward} beside it for comparison), a user
 * bound to one namespace, and proxies in front of the API server (HTTP, https and SOCKS5 that forward, and
 * HTTP and SOCKS5 ones that refuse). {@code -Dkftray.soak.minutes=10} turns the token test into a soak run with 20 s tokens.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RealClustersIT extends ForwardTestSupport {
    private static final long SOAK_MINUTES = Long.getLong("kftray.soak.minutes", 0);
    /** Between new connections of the token run. */
    private static final long PAUSE_MS = 100;
    /** How often the API server drops the tunnels, so they are dialled again, often with an expired token. */
    private static final Duration DROP_EVERY = Duration.ofSeconds(SOAK_MINUTES > 0 ? 30 : 5);

    @AfterClass
    public static void stopConditions() throws Exception {
        RealConditions.closeAll();
    }

    @Test
    public void newConnectionsNeverFailWhileExecPluginTokensExpire() throws Exception {
        Duration ttl = Duration.ofSeconds(SOAK_MINUTES > 0 ? 20 : 3);
        Duration length = SOAK_MINUTES > 0 ? Duration.ofMinutes(SOAK_MINUTES) : Duration.ofSeconds(20);
        ExecCredentialIssuer plugin = RealConditions.execPlugin(ttl);
        Path kubeconfig = RealConditions.kubeconfig(plugin);
        cluster().service("tokens", cluster().echo().address());
        ForwardConfig config = configs.create(definition(kubeconfig, "exec", "tokens").build());
        InetSocketAddress local = startRunning(config.id());

        Path kubectlHome = Files.createTempDirectory("kubectl-home");
        KubectlPortForward kubectl = new Kubectl(Kubectl.locate(), kubeconfig, kubectlHome)
                .portForward("svc/tokens", 80, true, Duration.ofSeconds(30));
        Tally ours = new Tally();
        Tally theirs = new Tally();
        EventRecorder events = new EventRecorder();
        ServiceRegistration<ForwardListener> listening = listen(config.id(), events);
        try {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long nextDrop = start + DROP_EVERY.toNanos();
            long lastDrop = start;
            while (System.nanoTime() < end) {
                try {
                    EchoProbe.roundTrip(local, 1024, 7, Duration.ofSeconds(2));
                    ours.count(null);
                } catch (IOException | RuntimeException e) {
                    ours.count(String.format(Locale.ROOT, "at %.1f s, %.1f s after a drop, %d tokens issued: %s",
                            (System.nanoTime() - start) / 1e9, (System.nanoTime() - lastDrop) / 1e9, plugin.issued(), e));
                }
                theirs.count(kubectl.isAlive() && Clients.echoes(kubectl.localAddress()) ? null : "failed");
                if (System.nanoTime() >= nextDrop) {
                    cluster().emulator().faults().dropPortForwards();
                    lastDrop = System.nanoTime();
                    nextDrop += DROP_EVERY.toNanos();
                }
                Thread.sleep(PAUSE_MS);
            }
        } finally {
            kubectl.close();
            listening.unregister();
        }
        System.out.printf(Locale.ROOT, "tokens valid %d s, %d s of new connections, tunnels dropped every %d s, "
                        + "%d tokens issued:%n  kftray:                 %s%n  kubectl port-forward:   %s%s%n",
                ttl.toSeconds(), length.toSeconds(), DROP_EVERY.toSeconds(), plugin.issued(), ours, theirs,
                kubectl.isAlive() ? "" : " (exited: " + lastLine(kubectl.output()) + ")");
        ours.failures.forEach(failure -> System.out.println("  kftray connection failed " + failure));
        events.errors().forEach(error -> System.out.println("  kftray reported: " + error));
        assertEquals("kftray connections that failed: " + ours.failures, 0, ours.failed);
        assertTrue("the plugin ran again as tokens expired: " + plugin.issued(), plugin.issued() >= 2);
        assertEquals(ForwardStatus.RUNNING, forwards.status(config.id()).status());
    }

    @Test
    public void aUserBoundToOneNamespaceAddsStartsAndRecovers() throws Exception {
        EchoServer first = cluster().echo();
        cluster().service("scoped", first.address());
        Path kubeconfig = RealConditions.namespacedKubeconfig("alice");
        ForwardConfig config = configs.create(definition(kubeconfig, "alice", "scoped").build());
        InetSocketAddress local = startRunning(config.id());
        Clients.echo(local, 64 * 1024, 1);

        EchoServer replacement = cluster().echo();
        PodHandle pod = cluster().emulator().requirePod(Cluster.NAMESPACE, "scoped-1");
        cluster().emulator().restart(pod, replacement.address(), Duration.ofMillis(500));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (replacement.acceptedConnections() == 0 && System.nanoTime() < deadline) {
            Clients.echoes(local);
            Thread.sleep(100);
        }
        assertTrue("new connections reach the restarted pod", replacement.acceptedConnections() > 0);
        // the first connection may join the new pod's dial before the forward says RUNNING again
        awaitTrue("forward RUNNING again after the pod restart", Duration.ofSeconds(10),
                () -> forwards.status(config.id()).status() == ForwardStatus.RUNNING);
        Clients.echo(local, 64 * 1024, 2);
    }

    @Test
    public void aForwardWorksThroughTheKubeconfigProxyAndARefusingProxyIsNamed() throws Exception {
        cluster().service("proxied", cluster().echo().address());
        Tinyproxy proxy = RealConditions.proxy(true);
        ForwardConfig through = configs.create(definition(RealConditions.kubeconfigThrough(proxy),
                cluster().emulator().contextName(), "proxied").build());
        Clients.echo(startRunning(through.id()), 256 * 1024, 3);
        String log = proxy.log();
        assertTrue("the API requests and the tunnel went through the proxy:\n" + log,
                log.contains("CONNECT 127.0.0.1:" + cluster().emulator().address().getPort()));

        Tinyproxy refusing = RealConditions.proxy(false);
        ForwardConfig blocked = configs.create(definition(RealConditions.kubeconfigThrough(refusing),
                cluster().emulator().contextName(), "proxied").build());
        ForwardState state = start(blocked.id());
        assertEquals("retried like an outage: " + state.lastError(), ForwardStatus.RECONNECTING, state.status());
        assertTrue("the error names the proxy: " + state.lastError(),
                state.lastError() != null && state.lastError().contains(refusing.url()));
    }

    @Test
    public void forwardsWorkThroughHttpsAndSocks5ProxiesAndARefusingOneIsNamed() throws Exception {
        cluster().service("tls-or-socks", cluster().echo().address());
        String apiServer = "127.0.0.1:" + cluster().emulator().address().getPort();
        RealConditions.HttpsProxy https = RealConditions.httpsProxy(true);
        Clients.echo(startRunning(throughProxy(https.url(), "tls-or-socks")), 256 * 1024, 3);
        assertTrue("the API requests and the tunnel went through the https proxy:\n" + https.behind().log(),
                https.behind().log().contains("CONNECT " + apiServer));
        Microsocks socks = RealConditions.socksProxy(false);
        Clients.echo(startRunning(throughProxy(socks.url(), "tls-or-socks")), 256 * 1024, 3);
        assertTrue("the API requests and the tunnel went through the SOCKS5 proxy:\n" + socks.log(),
                socks.log().contains("connected to " + apiServer));

        // a refusing https proxy is answered as one (ProxyBridgeTest), but the Kubernetes client then retries for
        // up to a minute on a loaded machine before the forward reports it: too long for the suite
        String refusing = RealConditions.socksProxy(true).url();
        ForwardState state = start(throughProxy(refusing, "tls-or-socks"));
        assertEquals("retried like an outage: " + state.lastError(), ForwardStatus.RECONNECTING, state.status());
        assertTrue("the error names the proxy: " + state.lastError(),
                state.lastError() != null && state.lastError().contains(refusing));
    }

    private long throughProxy(String proxyUrl, String service) throws IOException {
        return configs.create(definition(RealConditions.kubeconfigThrough(proxyUrl),
                cluster().emulator().contextName(), service).build()).id();
    }

    private ForwardConfig.Builder definition(Path kubeconfig, String context, String service) {
        return ForwardConfig.builder()
                .alias(service + "-" + UUID.randomUUID().toString().substring(0, 8))
                .kubeconfig(kubeconfig.toString())
                .context(context)
                .namespace(Cluster.NAMESPACE)
                .workloadType(WorkloadType.SERVICE)
                .service(service)
                .remotePort("80")
                .localPort(0)
                .protocol("tcp");
    }

    private static String lastLine(String output) {
        String trimmed = output.strip();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    /** Connections tried and failed. */
    private static final class Tally {
        private final List<String> failures = new ArrayList<>();
        private long tried;
        private long failed;

        /** @param failure why a connection failed, or {@code null} when it worked */
        void count(String failure) {
            tried++;
            if (failure != null) {
                failed++;
                if (failures.size() < 20) {
                    failures.add(failure);
                }
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d connections, %d failed", tried, failed);
        }
    }
}
