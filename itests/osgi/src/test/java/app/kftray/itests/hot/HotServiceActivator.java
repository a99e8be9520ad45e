package app.kftray.itests.hot;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Activator of the tiny bundle the hot-deploy test drops into the deploy directory. */
public class HotServiceActivator implements BundleActivator {
    /** Service property that marks the hot-installed test service. */
    public static final String MARKER = "kftray.itest.hot";

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(MARKER, context.getBundle().getSymbolicName());
        Runnable service = () -> { };
        context.registerService(Runnable.class, service, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
