package app.kftray.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import app.kftray.itests.hot.HotServiceActivator;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Bundles dropped into the deploy directory are installed and started while running, and removed when deleted. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends KftrayTestSupport {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return featureOptions("headless");
    }

    @Test
    public void droppedBundleRegistersItsServiceAndDeletingItRemovesIt() throws Exception {
        Path jar = deployDirectory().resolve("hot-service.jar");
        Filter filter = FrameworkUtil.createFilter("(" + HotServiceActivator.MARKER + "=app.kftray.itest.hot)");
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            TestBundles.write(jar, "app.kftray.itest.hot", HotServiceActivator.class, "org.osgi.framework");
            assertNotNull("service of the hot-installed bundle appears", tracker.waitForService(5000));

            CountDownLatch uninstalled = bundleEvent(BundleEvent.UNINSTALLED, "app.kftray.itest.hot");
            Files.delete(jar);
            assertTrue("bundle is uninstalled after the jar is deleted", uninstalled.await(5, TimeUnit.SECONDS));
            assertNull("its service is gone", tracker.getService());
            assertNull(find("app.kftray.itest.hot"));
        } finally {
            tracker.close();
        }
    }

    @Test
    public void unresolvableBundleDoesNotDisturbTheRuntime() throws Exception {
        CountDownLatch installed = bundleEvent(BundleEvent.INSTALLED, "app.kftray.itest.broken");
        TestBundles.write(deployDirectory().resolve("broken.jar"), "app.kftray.itest.broken",
                HotServiceActivator.class, "org.osgi.framework,no.such.package");
        assertTrue("FileInstall picked the broken bundle up", installed.await(5, TimeUnit.SECONDS));

        Bundle broken = find("app.kftray.itest.broken");
        assertNotNull(broken);
        assertTrue("broken bundle is not active", broken.getState() != Bundle.ACTIVE);
        assertEquals(Bundle.ACTIVE, context.getBundle(0).getState());
        assertEquals(Bundle.ACTIVE, find("app.kftray.api").getState());
        assertEquals(Bundle.ACTIVE, find("org.apache.felix.fileinstall").getState());
    }

    private Path deployDirectory() {
        return Path.of(context.getProperty(DEPLOY_DIR));
    }

    private CountDownLatch bundleEvent(int type, String symbolicName) {
        CountDownLatch latch = new CountDownLatch(1);
        BundleListener listener = event -> {
            if (event.getType() == type && symbolicName.equals(event.getBundle().getSymbolicName())) {
                latch.countDown();
            }
        };
        context.addBundleListener(listener);
        return latch;
    }

    private Bundle find(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
