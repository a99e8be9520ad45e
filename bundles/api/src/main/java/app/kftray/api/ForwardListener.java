package app.kftray.api;

import app.kftray.api.model.ForwardEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about every {@link ForwardEvent} of this process. Register
 * with {@value #CONFIG_ID} to hear about one forward only. Must not block.
 */
@ConsumerType
public interface ForwardListener {
    /** Optional service property: only events of this config id are delivered. */
    String CONFIG_ID = "kftray.config.id";

    /** @param event what happened */
    void forwardEvent(ForwardEvent event);
}
