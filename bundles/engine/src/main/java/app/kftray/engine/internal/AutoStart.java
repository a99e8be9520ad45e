package app.kftray.engine.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.model.ForwardConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the forwards marked {@code auto_start} when the runtime comes up, unless its configuration
 * {@value #PID} says {@code enabled=false} (a runtime started to run named forwards only, which
 * writes that configuration before the engine starts). Forwards whose protocol handler is not
 * installed yet wait for it inside the engine.
 */
@Component(immediate = true, service = {}, configurationPid = AutoStart.PID)
@Designate(ocd = AutoStartConfiguration.class)
public final class AutoStart {
    /** Configuration PID. */
    public static final String PID = "app.kftray.engine.autostart";
    private static final Logger LOG = LoggerFactory.getLogger(AutoStart.class);

    /**
     * @param setting whether auto-start is on in this runtime
     * @param manager runs the forwards
     * @param configs the saved definitions
     */
    @Activate
    public AutoStart(AutoStartConfiguration setting, @Reference ForwardManager manager,
                     @Reference ConfigStore configs) {
        if (!setting.enabled()) {
            LOG.debug("auto-start is off in this runtime ({} enabled=false)", PID);
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
