package app.kftray.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import app.kftray.api.NetworkRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The real headless feature in Felix: every bundle active, every component satisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HeadlessFeatureIT extends KftrayTestSupport {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] configuration() {
        return featureOptions("headless");
    }

    @Test
    public void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notActive.add(bundle.getSymbolicName() + " state=" + bundle.getState());
            }
        }
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
        assertNotNull("api bundle installed", bundle("app.kftray.api"));
    }

    @Test
    public void everyKftrayComponentIsSatisfied() {
        Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs();
        List<String> unsatisfied = new ArrayList<>();
        int kftrayComponents = 0;
        for (ComponentDescriptionDTO description : descriptions) {
            assertTrue(description.name + " is disabled", scr.isComponentEnabled(description));
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            assertFalse(description.name + " has no configuration", configurations.isEmpty());
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.SATISFIED
                        && configuration.state != ComponentConfigurationDTO.ACTIVE) {
                    unsatisfied.add(description.name + " state=" + configuration.state);
                }
            }
            if (description.bundle.symbolicName.startsWith("app.kftray.")) {
                kftrayComponents++;
            }
        }
        assertTrue("unsatisfied components: " + unsatisfied, unsatisfied.isEmpty());
        assertTrue("the headless feature registers kftray components", kftrayComponents >= 1);
    }

    @Test
    public void sharedEventLoopRunsTasks() throws InterruptedException {
        NetworkRuntime network = context.getService(context.getServiceReference(NetworkRuntime.class));
        CountDownLatch ran = new CountDownLatch(1);
        network.group().execute(ran::countDown);
        assertTrue("a task on the shared event loop ran", ran.await(1, TimeUnit.SECONDS));
    }

    @Test
    public void restartingTheNetBundleLeavesNoEventLoopThreads() throws Exception {
        NetworkRuntime network = context.getService(context.getServiceReference(NetworkRuntime.class));
        CountDownLatch ran = new CountDownLatch(1);
        network.group().execute(ran::countDown);
        assertTrue(ran.await(1, TimeUnit.SECONDS));
        List<Thread> loops = eventLoopThreads();
        assertFalse("event loop threads exist while active", loops.isEmpty());

        Bundle net = bundle("app.kftray.net");
        net.stop();
        for (Thread loop : loops) {
            loop.join(2000);
        }
        assertEquals("event loop threads left after stop", List.of(), eventLoopThreads());

        net.start();
        assertNotNull(context.getServiceReference(NetworkRuntime.class));
    }

    private static List<Thread> eventLoopThreads() {
        List<Thread> loops = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("kftray-io")) {
                loops.add(thread);
            }
        }
        return loops;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
