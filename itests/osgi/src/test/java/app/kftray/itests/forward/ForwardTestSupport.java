package app.kftray.itests.forward;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import app.kftray.itests.KftrayTestSupport;
import app.kftray.itests.forward.fixture.Cluster;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Hashtable;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.After;
import org.junit.AfterClass;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The headless feature with the emulated cluster: the emulator's package and the fixture package
 * come from the system bundle, so the test inside the framework and JUnit outside share one
 * {@link Cluster}. Tests use only the api services.
 */
public abstract class ForwardTestSupport extends KftrayTestSupport {
    private static final long START_SECONDS = 30;

    @Inject
    protected ConfigStore configs;

    @Inject
    protected ForwardManager forwards;

    @Inject
    protected StateStore states;

    @Inject
    protected BundleContext context;

    /** @return the headless feature (the test-kit packages are shared by the support class) */
    @Configuration
    public Option[] configuration() {
        return featureOptions("headless");
    }

    /** Forwards of one test never outlive it. */
    @After
    public void stopForwards() throws Exception {
        forwards.stopAll().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops the emulated cluster and its backends. */
    @AfterClass
    public static void stopCluster() throws Exception {
        Cluster.shutdown();
    }

    /** @return the emulated cluster, started on first use */
    protected static Cluster cluster() {
        return Cluster.get();
    }

    /**
     * @param service    a service of the emulated cluster
     * @param remotePort its port number or name
     * @param localPort  the local port, 0 for any free one
     * @return the saved definition
     */
    protected ForwardConfig saveService(String service, String remotePort, int localPort) {
        return configs.create(definition(service, remotePort, localPort)
                .workloadType(WorkloadType.SERVICE).service(service).build());
    }

    /**
     * @param selector   a pod label selector
     * @param remotePort a container port number or name
     * @return the saved definition of a pod workload on any free local port
     */
    protected ForwardConfig savePod(String selector, String remotePort) {
        return configs.create(definition(selector, remotePort, 0)
                .workloadType(WorkloadType.POD).target(selector).build());
    }

    /**
     * @param configId a saved definition
     * @return its state once the start finished
     */
    protected ForwardState start(long configId) throws Exception {
        return forwards.start(configId).toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @param configId a saved definition
     * @return the local address it listens on
     */
    protected InetSocketAddress startRunning(long configId) throws Exception {
        ForwardState state = start(configId);
        assertEquals("forward " + configId + " started; last error: " + state.lastError(),
                ForwardStatus.RUNNING, state.status());
        return localAddress(state);
    }

    /**
     * Polls a condition until it holds.
     *
     * @param what      described in the failure
     * @param timeout   the longest wait
     * @param condition becomes true eventually
     */
    protected static void awaitTrue(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue("timed out: " + what, System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }

    /**
     * @param state a forward's state
     * @return the address in its {@code boundAddress}
     */
    protected static InetSocketAddress localAddress(ForwardState state) {
        String bound = state.boundAddress();
        int colon = bound.lastIndexOf(':');
        return new InetSocketAddress(bound.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(bound.substring(colon + 1)));
    }

    /**
     * Registers a listener for one forward's events; unregister it when done.
     *
     * @param configId the forward
     * @param recorder the listener
     * @return its registration
     */
    protected ServiceRegistration<ForwardListener> listen(long configId, ForwardListener recorder) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ForwardListener.CONFIG_ID, configId);
        return context.registerService(ForwardListener.class, recorder, properties);
    }

    private ForwardConfig.Builder definition(String name, String remotePort, int localPort) {
        return ForwardConfig.builder()
                .alias(name.replaceAll("[^A-Za-z0-9]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8))
                .kubeconfig(cluster().kubeconfig().toString())
                .context(cluster().emulator().contextName())
                .namespace(Cluster.NAMESPACE)
                .remotePort(remotePort)
                .localPort(localPort)
                .protocol("tcp");
    }
}
