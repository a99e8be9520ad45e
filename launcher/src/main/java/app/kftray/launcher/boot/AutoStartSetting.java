package app.kftray.launcher.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the engine whether this runtime starts the forwards marked auto-start, through its
 * configuration {@value #PID} (attribute {@value #ENABLED}, true when there is none). The
 * configuration is settled the moment ConfigAdmin registers, before any later bundle of the
 * feature starts: on a reused framework cache the framework itself restarts the bundles, the
 * engine among them, before the launcher starts any. A runtime that runs named forwards only
 * writes {@code enabled=false}; any other one deletes such a configuration, which ConfigAdmin
 * keeps in the framework cache that runtimes of the same features share.
 *
 * <p>ConfigAdmin is called reflectively, as {@link ComponentStatus} reads SCR: its package
 * {@code org.osgi.service.cm} belongs to the ConfigAdmin bundle and is not on the launcher's
 * class path. Lending it to the bundles from the system bundle instead would wire ConfigAdmin
 * and everything that uses it to the launcher's copy, for the sake of three calls.
 */
final class AutoStartSetting implements ServiceTrackerCustomizer<Object, ServiceReference<Object>>, AutoCloseable {
    /** The engine's auto-start configuration. */
    static final String PID = "app.kftray.engine.autostart";
    /** Whether the engine starts the forwards marked auto-start. */
    static final String ENABLED = "enabled";

    private static final Logger LOG = LoggerFactory.getLogger(AutoStartSetting.class);
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private final BundleContext context;
    private final boolean enabled;
    private final ServiceTracker<Object, ServiceReference<Object>> tracker;

    private AutoStartSetting(BundleContext context, boolean enabled) {
        this.context = context;
        this.enabled = enabled;
        this.tracker = new ServiceTracker<>(context, CONFIGURATION_ADMIN, this);
    }

    /**
     * @param context the system bundle's context, before the framework starts
     * @param enabled whether this runtime auto-starts forwards
     * @return the setting, applied to ConfigAdmin once it registers, until closed
     */
    static AutoStartSetting track(BundleContext context, boolean enabled) {
        AutoStartSetting setting = new AutoStartSetting(context, enabled);
        setting.tracker.open();
        return setting;
    }

    /** Service events arrive synchronously: this runs inside ConfigAdmin's start. */
    @Override
    public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
        Object admin = context.getService(reference);
        try {
            apply(admin);
        } catch (InvocationTargetException e) {
            LOG.error("auto-start setting ({}={}) not written: {}", ENABLED, enabled, String.valueOf(e.getCause()));
        } catch (ReflectiveOperationException e) {
            LOG.error("auto-start setting ({}={}) not written: {}", ENABLED, enabled, e.toString());
        } finally {
            context.ungetService(reference);
        }
        return reference;
    }

    private void apply(Object admin) throws ReflectiveOperationException {
        Class<?> api = ComponentStatus.implemented(admin.getClass(), CONFIGURATION_ADMIN);
        if (enabled) {
            Method list = api.getMethod("listConfigurations", String.class);
            Object[] left = (Object[]) list.invoke(admin, "(service.pid=" + PID + ")");
            Method delete = list.getReturnType().getComponentType().getMethod("delete");
            for (Object configuration : left == null ? new Object[0] : left) {
                delete.invoke(configuration);
                LOG.debug("auto-start setting of an earlier runtime removed");
            }
        } else {
            // "?": bound to no bundle, so the engine's components receive it
            Method get = api.getMethod("getConfiguration", String.class, String.class);
            Object configuration = get.invoke(admin, PID, "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(ENABLED, false);
            get.getReturnType().getMethod("update", Dictionary.class).invoke(configuration, properties);
            LOG.debug("auto-start is off in this runtime ({} {}=false)", PID, ENABLED);
        }
    }

    @Override
    public void modifiedService(ServiceReference<Object> reference, ServiceReference<Object> tracked) {
    }

    @Override
    public void removedService(ServiceReference<Object> reference, ServiceReference<Object> tracked) {
    }

    @Override
    public void close() {
        tracker.close();
    }
}
