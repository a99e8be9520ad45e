package app.kftray.engine.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.model.ForwardConfig;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the forwards marked {@code auto_start} when the runtime comes up, unless the framework
 * property {@value #PROPERTY} is {@code false} (a runtime started to run named forwards only).
 * Forwards whose protocol handler is not installed yet wait for it inside the engine.
 */
@Component(immediate = true, service = {})
public final class AutoStart {
    /** Framework property; {@code false} turns auto-start off for this runtime. */
    static final String PROPERTY = "kftray.autostart";
    private static final Logger LOG = LoggerFactory.getLogger(AutoStart.class);

    /**
     * @param manager runs the forwards
     * @param configs the saved definitions
     * @param context where the framework property is read
     */
    @Activate
    public AutoStart(@Reference ForwardManager manager, @Reference ConfigStore configs, BundleContext context) {
        if ("false".equalsIgnoreCase(String.valueOf(context.getProperty(PROPERTY)).trim())) {
            LOG.debug("auto-start is off in this runtime ({}=false)", PROPERTY);
            return;
        }
        for (ForwardConfig config : configs.list()) {
            if (config.autoStart()) {
                manager.start(config.id()).whenComplete((state, error) -> {
                    if (error != null) {
                        LOG.warn("auto-start of forward '{}' failed", config.displayName(), error);
                    } else {
                        LOG.info("auto-start of forward '{}': {}", config.displayName(), state.status());
                    }
                });
            }
        }
    }
}
