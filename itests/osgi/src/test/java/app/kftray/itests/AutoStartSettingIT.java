package app.kftray.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A runtime whose engine starts with the configuration {@value #AUTO_START_PID} {@code enabled=false}
 * in ConfigAdmin (a foreground {@code kftray start ID} writes it before the engine starts) runs only
 * what it is asked for: forwards marked auto-start stay stopped, even briefly.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AutoStartSettingIT extends KftrayTestSupport {
    private static final String AUTO_START_COMPONENT = "app.kftray.engine.internal.AutoStart";
    private static final String AUTO_START_PID = "app.kftray.engine.autostart";
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private ConfigStore configs;

    @Inject
    private StateStore states;

    @Configuration
    public Option[] configuration() {
        return featureOptions("headless");
    }

    @Test
    public void forwardsMarkedAutoStartStayStoppedWhenTheSettingIsOff() throws Exception {
        ForwardConfig marked = configs.create(ForwardConfig.builder().alias("auto-it").context("dev").namespace("shop")
                .workloadType(WorkloadType.SERVICE).service("web").remotePort(80).localPort(0).autoStart(true)
                .build());

        // a fresh engine runs auto-start again, now with a forward marked for it in the store and,
        // as the launcher does, the setting written to ConfigAdmin before the engine starts
        Bundle engine = bundle("app.kftray.engine");
        engine.stop();
        turnAutoStartOff();
        engine.start();
        ForwardManager manager = awaitService(ForwardManager.class);
        Map<String, Object> autoStart = awaitActive(AUTO_START_COMPONENT);

        assertEquals("the component has the setting", Boolean.FALSE, autoStart.get("enabled"));
        assertEquals("nothing runs or failed in the engine", List.of(), manager.running());
        assertEquals("no state change was ever recorded", List.of(), states.history(marked.id(), 10));
    }

    /**
     * Writes {@code enabled=false} as the launcher does. The package {@code org.osgi.service.cm} is
     * exported by the ConfigAdmin bundle inside the framework and is not on this module's class path,
     * so its two calls are made by name through the classes of that bundle.
     */
    private void turnAutoStartOff() throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, CONFIGURATION_ADMIN, null);
        tracker.open();
        try {
            Object admin = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertTrue("ConfigurationAdmin registered", admin != null);
            Class<?> api = tracker.getServiceReference().getBundle().loadClass(CONFIGURATION_ADMIN);
            // "?": bound to no bundle, so the engine's components receive it
            Method get = api.getMethod("getConfiguration", String.class, String.class);
            Object configuration = get.invoke(admin, AUTO_START_PID, "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("enabled", false);
            get.getReturnType().getMethod("update", Dictionary.class).invoke(configuration, properties);
        } finally {
            tracker.close();
        }
    }

    private <T> T awaitService(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertTrue(type.getSimpleName() + " registered again", service != null);
            return service;
        } finally {
            tracker.close();
        }
    }

    /**
     * Auto-start works inside the activation of its component: once active, it has decided.
     *
     * @return the properties it was activated with
     */
    private Map<String, Object> awaitActive(String component) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (description.name.equals(component)) {
                    for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                        if (configuration.state == ComponentConfigurationDTO.ACTIVE) {
                            return configuration.properties;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(component + " not active within 30 s");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
