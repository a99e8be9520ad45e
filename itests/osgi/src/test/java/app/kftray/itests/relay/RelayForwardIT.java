package app.kftray.itests.relay;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import app.kftray.api.RelayManager;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.DnsProbe;
import app.kftray.emulator.EchoProbe;
import app.kftray.itests.forward.ForwardTestSupport;
import app.kftray.itests.relay.fixture.RelayWorld;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * UDP forwards and proxy workloads through relay pods, in the real headless runtime against the
 * emulated cluster whose relay pods run the real relay: dig and a DNS load through a real dnsmasq,
 * a TCP proxy to a server outside the cluster, relay pods deleted on stop, leftovers removed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RelayForwardIT extends ForwardTestSupport {
    private static final long WAIT_SECONDS = 60;

    /** Not called: injecting it makes every test wait until the relay bundle's service is up. */
    @Inject
    private RelayManager relays;

    @AfterClass
    public static void stopWorld() {
        RelayWorld.shutdown();
    }

    @Test
    public void digResolvesThroughTheUdpRelayAndFourClientsNeverGetEachOthersAnswers() throws Exception {
        ForwardConfig config = save(base("dns").workloadType(WorkloadType.SERVICE).service("dns").remotePort("53")
                .protocol("udp"));
        InetSocketAddress local = startRunning(config.id());
        sendJunk(local);   // a peer sending garbage gets its own flow; dnsmasq ignores it, others are served

        assertEquals("10.1.2.3", dig(local, "test.kftray"));

        List<String> names = List.of("a.kftray", "b.kftray", "c.kftray", "d.kftray");
        ExecutorService clients = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (String name : names) {
                answered.add(clients.submit(() -> queries(local, name, 250)));
            }
            int total = 0;
            for (Future<Integer> count : answered) {
                total += count.get(2, TimeUnit.MINUTES);
            }
            assertEquals("every query answered, each by its own record", 1000, total);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    public void aProxyWorkloadReachesALocalServerOutsideTheClusterAndItsRelayIsDeletedOnStop() throws Exception {
        InetSocketAddress echo = RelayWorld.get().echo().address();
        ForwardConfig config = save(base("outside").workloadType(WorkloadType.PROXY).remoteAddress("127.0.0.1")
                .remotePort(Integer.toString(echo.getPort())).protocol("tcp"));
        ForwardState running = start(config.id());
        assertEquals("last error: " + running.lastError(), ForwardStatus.RUNNING, running.status());
        String relayPod = running.pod();
        assertTrue("relay pod " + relayPod + " exists", RelayWorld.get().emulator().pod(RelayWorld.NAMESPACE, relayPod)
                .isPresent());

        EchoProbe.roundTrip(localAddress(running), 1 << 20, 3, Duration.ofSeconds(10));

        forwards.stop(config.id()).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertFalse("relay pod deleted when the forward stopped",
                RelayWorld.get().emulator().pod(RelayWorld.NAMESPACE, relayPod).isPresent());
    }

    @Test
    public void anExposeWorkloadCarriesConnectionsFromPodsToALocalServerAndDeletesItAllOnStop() throws Exception {
        InetSocketAddress echo = RelayWorld.get().echo().address();
        ForwardConfig config = save(base("exposed").workloadType(WorkloadType.EXPOSE).localPort(echo.getPort()));
        ForwardState running = start(config.id());
        assertEquals("last error: " + running.lastError(), ForwardStatus.RUNNING, running.status());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try {
                // a client standing in for a pod, connecting to the Service named after the alias
                InetSocketAddress service = RelayWorld.get().emulator().serviceAddress(RelayWorld.NAMESPACE,
                        config.alias(), echo.getPort());
                EchoProbe.roundTrip(service, 1 << 20, 5, Duration.ofSeconds(10));
                break;
            } catch (IllegalArgumentException | IOException notYet) {
                assertTrue("the exposed port never answered: " + notYet, System.nanoTime() < deadline);
                Thread.sleep(100);
            }
        }

        forwards.stop(config.id()).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        try {
            RelayWorld.get().emulator().serviceAddress(RelayWorld.NAMESPACE, config.alias(), echo.getPort());
            fail("the Service " + config.alias() + " and its relay are still there after stop");
        } catch (IllegalArgumentException gone) {
            assertTrue(gone.getMessage(), gone.getMessage().contains("no service"));
        }
    }

    @Test
    public void aLeftoverOfACrashedOwnerIsRemovedWhenTheRelayBundleStartsAgain() throws Exception {
        ForwardConfig config = save(base("crashed").workloadType(WorkloadType.PROXY).remoteAddress("127.0.0.1")
                .remotePort("9"));
        String name = "kftray-relay-" + config.id() + "-leftover";
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "kftray",
                "app.kubernetes.io/component", "relay", "kftray.app/owner", labelValue(System.getProperty("user.name")),
                "kftray.app/host", labelValue(states.self().host()), "kftray.app/config-id", config.id().toString());
        RelayWorld.get().emulator().namespace(RelayWorld.NAMESPACE).pod(name, labels,
                List.of(ContainerPort.containerPort("relay", 8080)), RelayWorld.get().echo().address());

        Bundle relayBundle = bundle("app.kftray.relay.deploy");
        relayBundle.stop();
        relayBundle.start();

        // the sweep runs in the background after the bundle started; a loaded machine may take a while
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (RelayWorld.get().emulator().pod(RelayWorld.NAMESPACE, name).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse("leftover relay pod removed", RelayWorld.get().emulator().pod(RelayWorld.NAMESPACE, name)
                .isPresent());
        ServiceReference<RelayManager> reference = context.getServiceReference(RelayManager.class);
        try {
            assertEquals("nothing else to remove", 0, context.getService(reference).removeOrphans(
                    new ClusterRef(config.kubeconfig(), config.context()), RelayWorld.NAMESPACE));
        } finally {
            context.ungetService(reference);
        }
    }

    private static int queries(InetSocketAddress local, String name, int count) {
        int answered = 0;
        try (DnsProbe probe = new DnsProbe(local, Duration.ofSeconds(2))) {
            for (int id = 0; id < count; id++) {
                Optional<String> answer = probe.query(name, id);
                if (answer.isEmpty()) {
                    answer = probe.query(name, id + 10_000);   // one retry: UDP may drop
                }
                if (answer.isPresent()) {
                    assertEquals(name, RelayWorld.RECORDS.get(name), answer.get());
                    answered++;
                }
            }
        }
        return answered;
    }

    private static void sendJunk(InetSocketAddress local) throws IOException {
        byte[] junk = "not a dns query".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.send(new DatagramPacket(junk, junk.length, local));
        }
    }

    private static String dig(InetSocketAddress local, String name) throws IOException, InterruptedException {
        Process dig = new ProcessBuilder("dig", "@" + local.getHostString(), "-p", Integer.toString(local.getPort()),
                name, "+short", "+tries=3", "+time=2").redirectErrorStream(true).start();
        String out = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!dig.waitFor(20, TimeUnit.SECONDS)) {
            dig.destroyForcibly();
        }
        return out;
    }

    private ForwardConfig.Builder base(String name) {
        return ForwardConfig.builder().alias(name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .kubeconfig(RelayWorld.get().kubeconfig().toString())
                .context(RelayWorld.get().emulator().contextName())
                .namespace(RelayWorld.NAMESPACE).localPort(0);
    }

    private ForwardConfig save(ForwardConfig.Builder builder) {
        return configs.create(builder.build());
    }

    /** The label value rule of the relay bundle: what it writes for a user or host name. */
    private static String labelValue(String raw) {
        String cleaned = raw.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
