package app.kftray.engine.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.model.ForwardConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the forwards marked {@code auto_start} when the runtime comes up. Forwards whose
 * protocol handler is not installed yet wait for it inside the engine.
 */
@Component(immediate = true, service = {})
public final class AutoStart {
    private static final Logger LOG = LoggerFactory.getLogger(AutoStart.class);

    /**
     * @param manager runs the forwards
     * @param configs the saved definitions
     */
    @Activate
    public AutoStart(@Reference ForwardManager manager, @Reference ConfigStore configs) {
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
